--[[
  Enqueues a batch of runnable workflow jobs of one queue (a chord's members), each with its
  continuation entries in the queue's flows set: for every job exactly what enqueueFlowJob-5.lua
  does, in one call. Each job is checked on its own: a job whose id exists already is not written
  (code -2 or 3) and the others are.

  KEYS[1] wait    hash   id -> packed payload (carrying one "wf:" line per continuation)
  KEYS[2] ready   list
  KEYS[3] due     zset
  KEYS[4] signal  list
  KEYS[5] flows   zset   "<id>|<target queue>|<target id>|<input index>" -> next check (ms)

  ARGV[1] signal cap
  ARGV[2] delay before the flows sweeper first looks at the entries (ms)
  ARGV[3..] per job: id, packed payload, when ("0" = now; "+<ms>" = delay from Redis' now;
            "@<ms>" = absolute epoch ms), number of flows entries n, then the n entries

  Returns an array with one code per job: 1 queued, 2 scheduled, 3 already written with this
  payload (also once a worker fetched or ran it, see claimId; nothing written), -2 a job with
  this id exists already (nothing written). A key of the queue with the wrong Redis type is an
  error reply "SPOOL WRONGTYPE ..." and nothing is written. Safe to run twice.
]]
--@include clock
--@include wake
--@include placeJob
--@include validate
--@include claimId
local bad = wrongType(KEYS[1], 'hash', KEYS[2], 'list', KEYS[3], 'zset', KEYS[4], 'list', KEYS[5], 'zset')
if bad then return bad end
local now = nowMillis()
local check = now + tonumber(ARGV[2])
local out = {}
local ready, entries, due = {}, {}, {}
local i = 3
while i <= #ARGV do
  local id, payload, when, n = ARGV[i], ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3])
  local first = i + 4
  i = first + n
  local claimed = claimId(KEYS[1], id, payload)
  if claimed then
    out[#out + 1] = claimed
  else
    for e = first, first + n - 1 do
      entries[#entries + 1] = check
      entries[#entries + 1] = ARGV[e]
    end
    local dueAt = dueTime(when, now)
    if dueAt then
      due[#due + 1] = dueAt
      due[#due + 1] = id
      out[#out + 1] = 2
    else
      ready[#ready + 1] = id
      ready[#ready + 1] = levelOf(payload)
      out[#out + 1] = 1
    end
    markLevels(KEYS[2], payload)
  end
end
-- the lists and sets are written in batches, in the same order as one call per job would
for j = 1, #entries, 2000 do
  redis.call('ZADD', KEYS[5], unpack(entries, j, math.min(j + 1999, #entries)))
end
for j = 1, #due, 2000 do
  redis.call('ZADD', KEYS[3], unpack(due, j, math.min(j + 1999, #due)))
end
-- ready ids by priority level (includes/levels.lua), each level's in order
local byLevel, levels = {}, {}
for j = 1, #ready, 2 do
  local level = ready[j + 1]
  if not byLevel[level] then
    byLevel[level] = {}
    levels[#levels + 1] = level
  end
  local ids = byLevel[level]
  ids[#ids + 1] = ready[j]
end
for _, level in ipairs(levels) do pushLevel(KEYS[2], level, byLevel[level], false) end
wake(KEYS[4], tonumber(ARGV[1]), #ready / 2)
return out
