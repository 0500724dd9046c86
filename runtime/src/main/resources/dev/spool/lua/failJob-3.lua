--[[
  Records a failed attempt of one job (token-checked). If the failure may be retried and the job
  has retries left, it is scheduled again at Redis' now + backoff; otherwise it fails for good:
  its failure is kept, it is added to the dead set and its record expires after the dead TTL.

  KEYS[1] active  zset
  KEYS[2] due     zset
  KEYS[3] dead    zset   id -> time of death (ms)

  ARGV[1] job key prefix ("<Q>:job:")
  ARGV[2] id
  ARGV[3] lease token
  ARGV[4] failure JSON
  ARGV[5] "1" if the failure may be retried, "0" if not (bad payload, unknown task)
  ARGV[6] retries allowed (the job may run retries + 1 times)
  ARGV[7] backoff before the retry (ms)
  ARGV[8] dead TTL (seconds)
  ARGV[9] attempt history entry, a JSON object such as {"a":1,"w":"worker","c":"class","m":"message"}
          (optional); the script adds the time "t" (ms, Redis clock) and appends it to field h

  Writes nothing before the token check passes, nor when a key has the wrong type (an error reply
  "SPOOL WRONGTYPE ..."). An attempt counter (field n) that is not a count from 0 to 10^9 is
  corrupt: the job fails for good with a failure of class dev.spool.CorruptRecord, never retried. The failing token stays in field k, so a repeat
  of the same call (its reply was lost) answers what the first one did and writes nothing.

  On a keyed queue (see includes/limits.lua) a job that held a concurrency key frees its slot, also
  while it waits for its retry, and one parked job of its key goes back to the front of ready.

  Returns  1 scheduled for a retry
           2 failed for good
          -1 stale lease token (nothing written)
]]
--@include clock
--@include appendHistory
--@include validate
--@include failureRecord
--@include countMinute
--@include notifyAwaiters
--@include wake
--@include limits
local bad = wrongType(KEYS[1], 'zset', KEYS[2], 'zset', KEYS[3], 'zset')
if bad then return bad end
local limits = readLimits(string.sub(ARGV[1], 1, -5))
if limits.err then return limits end
local id = ARGV[2]
local job = ARGV[1] .. id
local fields = readRecord(job, 's', 'k', 'n')
if not fields then
  return redis.error_reply('SPOOL WRONGTYPE ' .. job .. ' is not a hash')
end
if fields[2] == ARGV[3] and fields[1] ~= 'a' then
  if fields[1] == 'f' then return 2 end
  if fields[1] == 's' or fields[1] == 'q' then return 1 end
end
if fields[1] ~= 'a' or fields[2] ~= ARGV[3] then
  return -1
end
local now = nowMillis()
countMinute(ARGV[1], 'f', 1, now)
redis.call('ZREM', KEYS[1], id)
if limits.keyed then releaseKey(string.sub(ARGV[1], 1, -5), id, redis.call('HGET', job, 'p'), true) end
local attempts = saneCount(fields[3] or '0')
if attempts then
  redis.call('HSET', job, 'f', ARGV[4])
else
  redis.call('HSET', job, 'f', failureRecord('dev.spool.CorruptRecord', 'its attempt counter (field n) is "'
    .. string.sub(fields[3], 1, 40) .. '", not a count from 0 to 1000000000', 0))
end
if ARGV[9] and string.sub(ARGV[9], 1, 1) == '{' and #ARGV[9] > 2 then
  appendHistory(job, '{"t":' .. now .. ',' .. string.sub(ARGV[9], 2))
end
if attempts and ARGV[5] == '1' and attempts <= tonumber(ARGV[6]) then
  redis.call('HSET', job, 's', 's')
  redis.call('ZADD', KEYS[2], now + tonumber(ARGV[7]), id)
  return 1
end
redis.call('HSET', job, 's', 'f', 'e', now)
redis.call('ZADD', KEYS[3], now, id)
redis.call('EXPIRE', job, tonumber(ARGV[8]))
notifyAwaiters(ARGV[1], {id}, function() return id .. '\nf' end)
return 2
