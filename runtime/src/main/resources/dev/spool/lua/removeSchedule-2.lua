--[[
  Removes a periodic schedule of one queue. Jobs it enqueued already stay.

  KEYS[1] schedules  hash
  KEYS[2] ticks      zset

  ARGV[1] schedule name

  Returns 1 removed, 0 there was none.
]]
--@include validate
local bad = wrongType(KEYS[1], 'hash', KEYS[2], 'zset')
if bad then return bad end
redis.call('ZREM', KEYS[2], ARGV[1])
return redis.call('HDEL', KEYS[1], ARGV[1])
