--[[
  Trims the entries of jobs whose records have expired from a queue's done and held sets (their
  counts read only unexpired entries anyway; this keeps the sets' memory bounded). Run by
  workers' maintenance.

  KEYS[1] done  zset   succeeded ids, one member per completion call, by expiry of their kept
                       results (ms; see includes/kept.lua; "<done>:n" counts them)
  KEYS[2] held  zset   ids waiting for a workflow's inputs by expiry of their record (ms)

  ARGV[1] the most entries removed from each set

  Returns how many entries it removed (ids of the done set, members of the held set).
]]
--@include clock
--@include validate
--@include kept
local bad = wrongType(KEYS[1], 'zset', KEYS[2], 'zset')
if bad then return bad end
local now = nowMillis()
local removed = keptTrim(KEYS[1], now, tonumber(ARGV[1]))
local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
if #old > 0 then removed = removed + redis.call('ZREM', KEYS[2], unpack(old)) end
return removed
