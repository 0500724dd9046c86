--[[
  Counts one queue's jobs by state in one consistent step (read-only). Every count is exact and
  O(1) or O(log n): lengths of the queue's structures, never a scan; succeeded-and-kept is a
  counter less the ids of expired batches not trimmed yet (includes/kept.lua: trimmed by every
  completion call and by maintenance, so few while a worker of the queue runs).

  KEYS[1] ready   list
  KEYS[2] due     zset
  KEYS[3] active  zset
  KEYS[4] dead    zset
  KEYS[5] done    zset   succeeded ids with kept results, one member per completion call, by
                         their expiry (ms, Redis clock; see includes/kept.lua)

  ARGV[1] paused key ("<Q>:paused"), read with EXISTS
  ARGV[2] held key ("<Q>:held"), jobs waiting for a workflow's inputs (zset)

  Queued jobs are those in ready, those in the lists of the other priority levels named in
  "<Q>:levels" (includes/levels.lua; one LLEN per level) and those parked for a slot of their concurrency key (the count
  field parked of "<Q>:limits", see includes/limits.lua).

  Returns {queued, scheduled, active, dead, succeeded and kept, waiting for a workflow, paused
  (1 or 0)}. A key of the wrong type is an error reply "SPOOL WRONGTYPE ...".
]]
--@include clock
--@include validate
--@include levels
--@include kept
local bad = wrongType(KEYS[1], 'list', KEYS[2], 'zset', KEYS[3], 'zset', KEYS[4], 'zset', KEYS[5], 'zset',
  ARGV[2], 'zset', KEYS[5] .. ':n', 'hash')
if bad then return bad end
local now = nowMillis()
local parked = redis.pcall('HGET', string.sub(ARGV[1], 1, -7) .. 'limits', 'parked')
parked = type(parked) == 'string' and tonumber(parked) or 0
local queued = 0
for _, list in ipairs(runOrder(KEYS[1])) do
  local n = redis.pcall('LLEN', list)
  if type(n) == 'number' then queued = queued + n end
end
return {
  queued + math.max(0, parked),
  redis.call('ZCARD', KEYS[2]),
  redis.call('ZCARD', KEYS[3]),
  redis.call('ZCARD', KEYS[4]),
  keptCount(KEYS[5], now),
  redis.call('ZCARD', ARGV[2]),
  redis.call('EXISTS', ARGV[1])
}
