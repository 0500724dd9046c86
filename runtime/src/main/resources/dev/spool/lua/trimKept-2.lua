--[[
  Trims the entries of jobs whose records have expired from a queue's done and held sets (their
  counts read only unexpired entries anyway; this keeps the sets' memory bounded). Run by
  workers' maintenance.

  KEYS[1] done  zset   succeeded ids by expiry of their kept result (ms)
  KEYS[2] held  zset   ids waiting for a workflow's inputs by expiry of their record (ms)

  ARGV[1] the most entries removed from each set

  Returns how many entries it removed.
]]
--@include clock
--@include validate
local bad = wrongType(KEYS[1], 'zset', KEYS[2], 'zset')
if bad then return bad end
local now = nowMillis()
local removed = 0
for k = 1, 2 do
  local old = redis.call('ZRANGEBYSCORE', KEYS[k], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
  if #old > 0 then removed = removed + redis.call('ZREM', KEYS[k], unpack(old)) end
end
return removed
