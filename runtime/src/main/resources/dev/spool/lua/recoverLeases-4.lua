--[[
  Takes back jobs whose lease expired (their worker died or stalled): they go to the front of
  ready with their attempt count kept. A job reclaimed more than the limit fails for good with a
  reason instead (dead set, record expires after the dead TTL). Also trims dead-set entries older
  than the dead TTL. Safe to run from many workers at once.

  KEYS[1] active  zset
  KEYS[2] ready   list
  KEYS[3] dead    zset
  KEYS[4] signal  list

  ARGV[1] job key prefix ("<Q>:job:")
  ARGV[2] max jobs to recover in this call
  ARGV[3] reclaim limit
  ARGV[4] dead TTL (seconds)
  ARGV[5] signal cap

  Returns {recovered, failed for good}
]]
--@include clock
--@include wake
--@include failureRecord
--@include appendHistory
local prefix = ARGV[1]
local now = nowMillis()
local deadTtl = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - deadTtl * 1000)
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local recovered, dead = 0, 0
for _, id in ipairs(ids) do
  local job = prefix .. id
  redis.call('ZREM', KEYS[1], id)
  redis.call('HDEL', job, 'k')
  local reclaims = redis.call('HINCRBY', job, 'c', 1)
  local lost = redis.call('HMGET', job, 'n', 'w')
  appendHistory(job, cjson.encode({ t = now, a = tonumber(lost[1] or '0'), w = lost[2] or '',
    c = 'dev.spool.LeaseExpired', m = 'the lease expired; the worker died, stalled or lost Redis' }))
  if reclaims > tonumber(ARGV[3]) then
    local attempts = tonumber(redis.call('HGET', job, 'n') or '0')
    redis.call('HSET', job, 's', 'f', 'f', failureRecord('dev.spool.LeaseExpired',
      'the lease expired ' .. reclaims .. ' times (limit ' .. ARGV[3] .. '); its workers died or stalled', attempts))
    redis.call('ZADD', KEYS[3], now, id)
    redis.call('EXPIRE', job, deadTtl)
    dead = dead + 1
  else
    redis.call('HSET', job, 's', 'q')
    redis.call('RPUSH', KEYS[2], id)
    recovered = recovered + 1
  end
end
if recovered > 0 then wake(KEYS[4], tonumber(ARGV[5]), 1) end
return {recovered, dead}
