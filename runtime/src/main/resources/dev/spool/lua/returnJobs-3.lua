--[[
  Hands jobs back to their queue at once (a worker shutting down), token-checked. They go to the
  front of ready and the aborted run does not count as an attempt.

  KEYS[1] active  zset
  KEYS[2] ready   list
  KEYS[3] signal  list

  ARGV[1] job key prefix ("<Q>:job:")
  ARGV[2] signal cap
  ARGV[3..] pairs: id, lease token

  Safe to run twice: the returned job keeps the token in field k, so a repeat answers 1 again and
  writes nothing.

  Returns an array with one entry per pair: 1 returned, -1 stale lease token
]]
--@include wake
local prefix = ARGV[1]
local out = {}
for i = 3, #ARGV, 2 do
  local id = ARGV[i]
  local job = prefix .. id
  local fields = redis.call('HMGET', job, 's', 'k')
  if fields[1] == 'q' and fields[2] == ARGV[i + 1] then
    out[#out + 1] = 1
  elseif fields[1] == 'a' and fields[2] == ARGV[i + 1] then
    redis.call('HSET', job, 's', 'q')
    redis.call('HINCRBY', job, 'n', -1)
    redis.call('ZREM', KEYS[1], id)
    redis.call('RPUSH', KEYS[2], id)
    wake(KEYS[3], tonumber(ARGV[2]), 1)
    out[#out + 1] = 1
  else
    out[#out + 1] = -1
  end
end
return out
