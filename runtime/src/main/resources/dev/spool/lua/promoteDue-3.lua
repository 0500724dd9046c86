--[[
  Moves scheduled jobs whose due time (Redis clock) has come to ready, at most N per call. Atomic,
  so any number of workers may promote concurrently and each job moves once.

  KEYS[1] due     zset
  KEYS[2] ready   list
  KEYS[3] signal  list

  ARGV[1] job key prefix ("<Q>:job:")
  ARGV[2] max jobs to move
  ARGV[3] signal cap

  Each job goes to the ready list of its priority level (includes/levels.lua); its payload is read
  for that only on a queue whose prio flag is set (one HGET per call that moves jobs).

  A key with the wrong type is an error reply "SPOOL WRONGTYPE ..." and nothing is written. A job
  record that is not a hash is moved all the same (the fetch dead-letters it).

  Returns {moved, ms until the next due job or -1 if none is scheduled}
]]
--@include clock
--@include wake
--@include validate
--@include levels
local bad = wrongType(KEYS[1], 'zset', KEYS[2], 'list', KEYS[3], 'list')
if bad then return bad end
local prefix = ARGV[1]
local now = nowMillis()
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local leveled = #ids > 0 and levelsUsed(KEYS[2])
for _, id in ipairs(ids) do
  redis.call('ZREM', KEYS[1], id)
  local job = prefix .. id
  if redis.call('EXISTS', job) == 1 then
    redis.pcall('HSET', job, 's', 'q')
  end
  if leveled then
    pushOne(KEYS[2], id, payloadOf(KEYS[2], id), false)
  else
    redis.call('LPUSH', KEYS[2], id)
  end
end
wake(KEYS[3], tonumber(ARGV[3]), #ids)
local nextDue = -1
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if first[2] then
  nextDue = math.max(0, tonumber(first[2]) - now)
end
return {#ids, nextDue}
