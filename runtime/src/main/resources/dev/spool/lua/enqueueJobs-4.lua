--[[
  Enqueues a batch of jobs of one queue (Spool.enqueueAll, the stubs' batches) in one call: each
  job claimed exactly as enqueueJob-4.lua claims it (includes/claimId.lua), the placing batched
  (one LPUSH of the ready ids per priority level used, see includes/levels.lua, or one ZADD of the
  due ones, one wake-up per call).

  KEYS[1] wait    hash   id -> packed payload
  KEYS[2] ready   list   ids ready to run (LPUSH in, RPOP out)
  KEYS[3] due     zset   id -> due time (ms, Redis clock)
  KEYS[4] signal  list   wake-up tokens for idle workers (capped)

  ARGV[1] when, for every job of the call: "0" = now; "+<ms>" = delay from Redis' now;
          "@<ms>" = absolute epoch ms
  ARGV[2] signal cap (max entries kept in the signal list)
  ARGV[3..] pairs id, packed payload (at most 1000 jobs; ids distinct)

  Returns one code per job, as enqueueJob-4.lua: 1 queued, 2 scheduled, 3 already written with
  this payload (a repeat after a lost reply, also once a worker fetched or ran the job; nothing
  written), -2 a job with this id exists
  already (nothing written for it; the others are written). A wrong key type is the error reply
  "SPOOL WRONGTYPE ..." and nothing is written.
]]
--@include validate
--@include claimId
--@include placeJob
local bad = wrongType(KEYS[1], 'hash', KEYS[2], 'list', KEYS[3], 'zset', KEYS[4], 'list')
if bad then return bad end
if #ARGV < 4 then return {} end
local dueAt = dueTime(ARGV[1], nil)
local codes = {}
local placed = {}
-- ids by priority level (includes/levels.lua): one push per level used
local byLevel, levels = {}, {}
for i = 3, #ARGV, 2 do
  local claimed = claimId(KEYS[1], ARGV[i], ARGV[i + 1])
  if claimed then
    codes[#codes + 1] = claimed
  else
    placed[#placed + 1] = ARGV[i]
    codes[#codes + 1] = dueAt and 2 or 1
    local level = levelOf(ARGV[i + 1])
    if not byLevel[level] then
      byLevel[level] = {}
      levels[#levels + 1] = level
      if level ~= 0 then markLevels(KEYS[2], ARGV[i + 1]) end
    end
    local ids = byLevel[level]
    ids[#ids + 1] = ARGV[i]
  end
end
if #placed > 0 then
  if dueAt then
    local scored = {}
    for j = 1, #placed do
      scored[#scored + 1] = dueAt
      scored[#scored + 1] = placed[j]
    end
    redis.call('ZADD', KEYS[3], unpack(scored))
  else
    for _, level in ipairs(levels) do pushLevel(KEYS[2], level, byLevel[level], false) end
    wake(KEYS[4], tonumber(ARGV[2]), #placed)
  end
end
return codes
