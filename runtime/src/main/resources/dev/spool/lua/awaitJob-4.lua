--[[
  A client starts (or keeps) awaiting one job: reads the job's status as readStatus-3.lua does
  and, unless the job is finished already, notes the id in the queue's awaited set, so that the
  script that finishes it publishes the outcome (see includes/notifyAwaiters.lua). Entries of
  clients that stopped waiting are trimmed here.

  KEYS[1] wait     hash
  KEYS[2] due      zset
  KEYS[3] job      hash   the job's record ("<Q>:job:<id>")
  KEYS[4] awaited  zset   id -> when its awaiting client stops waiting (ms, Redis clock)

  ARGV[1] id
  ARGV[2] how long the client waits at most (ms)

  Returns what readStatus-3.lua returns. A wrong type of the awaited set is the error reply
  "SPOOL WRONGTYPE ..." and nothing is written.
]]
--@include validate
--@include clock
--@include jobStatus
local bad = wrongType(KEYS[4], 'zset')
if bad then return bad end
local id = ARGV[1]
local status = jobStatus(KEYS[1], KEYS[2], KEYS[3], id)
local state = status[1]
local now = nowMillis()
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
if state == 'd' or state == 'f' or state == 'x' or state == 'm' then
  redis.call('ZREM', KEYS[4], id)
else
  redis.call('ZADD', KEYS[4], now + tonumber(ARGV[2]), id)
end
return status
