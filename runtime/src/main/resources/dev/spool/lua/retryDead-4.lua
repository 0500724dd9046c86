--[[
  Sends a job that failed for good back to its queue, with a fresh attempt count.

  KEYS[1] dead    zset
  KEYS[2] ready   list
  KEYS[3] signal  list
  KEYS[4] job     hash   the job's record ("<Q>:job:<id>")

  ARGV[1] id
  ARGV[2] signal cap

  Returns 1 re-queued, 0 not in the dead set or its record expired
]]
--@include wake
--@include validate
--@include levels
local id = ARGV[1]
if not readRecord(KEYS[4], 's') then
  return redis.error_reply('SPOOL WRONGTYPE ' .. KEYS[4] .. ' is not a hash; delete the dead job instead')
end
if redis.call('ZREM', KEYS[1], id) == 0 then return 0 end
if redis.call('HGET', KEYS[4], 's') ~= 'f' then return 0 end
redis.call('PERSIST', KEYS[4])
redis.call('HSET', KEYS[4], 's', 'q', 'n', 0, 'c', 0)
redis.call('HDEL', KEYS[4], 'f')
pushOne(KEYS[2], id, redis.call('HGET', KEYS[4], 'p'), false) -- into its priority level's list
wake(KEYS[3], tonumber(ARGV[2]), 1)
return 1
