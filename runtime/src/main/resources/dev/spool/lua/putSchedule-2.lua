--[[
  Adds or changes a periodic schedule of one queue.

  KEYS[1] schedules  hash  schedule name -> definition (JSON)
  KEYS[2] ticks      zset  schedule name -> next tick (ms)

  ARGV[1] schedule name
  ARGV[2] definition
  ARGV[3] its first tick (ms)

  An unchanged definition keeps its next tick (workers register their annotated schedules at every
  start, which must not move a tick that is due); a changed one starts again at ARGV[3].

  Returns 1 added, 2 changed, 0 unchanged.
]]
--@include validate
local bad = wrongType(KEYS[1], 'hash', KEYS[2], 'zset')
if bad then return bad end
local old = redis.call('HGET', KEYS[1], ARGV[1])
if old == ARGV[2] and redis.call('ZSCORE', KEYS[2], ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
if old then return 2 end
return 1
