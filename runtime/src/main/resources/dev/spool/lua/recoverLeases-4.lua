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

  A key with the wrong type is an error reply "SPOOL WRONGTYPE ..." and nothing is written. A
  corrupt record fails for good on its own (class dev.spool.CorruptRecord): one that is not a
  hash goes to the dead set as it is, one without a payload (field p) or with a counter (n, c)
  that is not a count from 0 to 10^9 gets a failure record. A record deleted meanwhile is dropped.

  On a keyed queue (see includes/limits.lua) a taken-back job that held a concurrency key frees its
  slot (it takes one again when it is fetched); one that fails for good also moves one parked job
  of its key to the front of ready.

  Returns {recovered, failed for good}
]]
--@include clock
--@include wake
--@include failureRecord
--@include appendHistory
--@include validate
--@include levels
--@include limits
local bad = wrongType(KEYS[1], 'zset', KEYS[2], 'list', KEYS[3], 'zset', KEYS[4], 'list')
if bad then return bad end
local prefix = ARGV[1]
local limits = readLimits(string.sub(prefix, 1, -5))
if limits.err then return limits end
local now = nowMillis()
local deadTtl = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - deadTtl * 1000)
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local recovered, dead = 0, 0
local function corrupt(id, job, reason)
  if reason then
    redis.call('HSET', job, 's', 'f', 'f', failureRecord('dev.spool.CorruptRecord', reason, 0))
  end
  redis.call('ZADD', KEYS[3], now, id)
  redis.call('EXPIRE', job, deadTtl)
  dead = dead + 1
end
for _, id in ipairs(ids) do
  local job = prefix .. id
  redis.call('ZREM', KEYS[1], id)
  local lost = readRecord(job, 'n', 'w', 'p', 'c')
  if not lost then
    corrupt(id, job, nil)
  elseif not lost[3] then
    if redis.call('EXISTS', job) == 1 then corrupt(id, job, 'its record has no payload (field p)') end
  elseif not saneCount(lost[1] or '0') or not saneCount(lost[4] or '0') then
    corrupt(id, job, 'its counters (fields n, c) are "' .. string.sub(tostring(lost[1]), 1, 40) .. '", "'
      .. string.sub(tostring(lost[4]), 1, 40) .. '", not counts from 0 to 1000000000')
  else
    local attempts = saneCount(lost[1] or '0')
    local reclaims = saneCount(lost[4] or '0') + 1
    if limits.keyed then
      releaseKey(string.sub(prefix, 1, -5), id, lost[3], reclaims > tonumber(ARGV[3]))
    end
    redis.call('HDEL', job, 'k')
    redis.call('HSET', job, 'c', reclaims)
    appendHistory(job, cjson.encode({ t = now, a = attempts, w = lost[2] or '',
      c = 'dev.spool.LeaseExpired', m = 'the lease expired; the worker died, stalled or lost Redis' }))
    if reclaims > tonumber(ARGV[3]) then
      redis.call('HSET', job, 's', 'f', 'f', failureRecord('dev.spool.LeaseExpired',
        'the lease expired ' .. reclaims .. ' times (limit ' .. ARGV[3] .. '); its workers died or stalled', attempts))
      redis.call('ZADD', KEYS[3], now, id)
      redis.call('EXPIRE', job, deadTtl)
      dead = dead + 1
    else
      redis.call('HSET', job, 's', 'q')
      pushOne(KEYS[2], id, lost[3], true) -- to the front of its priority level's list
      recovered = recovered + 1
    end
  end
end
if recovered > 0 then wake(KEYS[4], tonumber(ARGV[5]), 1) end
return {recovered, dead}
