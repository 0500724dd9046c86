--[[
  One page of a queue's jobs in one state, with what an operator wants to see of each (read-only).
  A page costs O(log n + page) (LRANGE from the end that runs next, ZRANGE by rank), never a scan
  of the queue; of succeeded jobs, whose set holds one member per completion call, the members
  before the offset are walked too (a member holds up to 1000 ids).

  KEYS[1] ready   list   queued ids; the next to run is at the tail
  KEYS[2] due     zset   scheduled ids by due time
  KEYS[3] active  zset   leased ids by lease expiry
  KEYS[4] dead    zset   ids that failed for good by time of death
  KEYS[5] done    zset   succeeded ids, one member per completion call, by expiry of their kept
                         results (see includes/kept.lua)
  KEYS[6] wait    hash   id -> packed payload of jobs that have not run yet

  ARGV[1] job key prefix ("<Q>:job:")
  ARGV[2] state: q queued (next to run first: the lists of the priority levels in run order, see
          includes/levels.lua, each from its tail; one LLEN per level list before the page), s scheduled (soonest first), a active (lease
          expiring first), f dead (newest first), d succeeded (newest first), w waiting for a
          workflow (oldest first), i the ids in ARGV[5..] (any state)
  ARGV[3] offset (0 = first)
  ARGV[4] page size
  ARGV[5] held key ("<Q>:held") for state w; for state i, the first id (ids follow)

  Returns a flat array, twelve entries per job: id, score ("" for queued: due time, lease expiry,
  time of death, result expiry or creation, ms), state (as readStatus-3.lua: s q a d f w x, or
  m missing), attempts, worker id, packed payload (or "" when gone), failure JSON (or ""),
  progress ("" or "<fraction>|<message>"), lease-expiry check time (now, ms), the task name kept
  apart from the payload (field t of a succeeded job's record, else ""), and when its current or
  last attempt started (field b, ms; "" if it never ran), and when it finished (field e: succeeded or
  failed for good, ms; "" otherwise).
]]
--@include clock
--@include validate
--@include levels
--@include kept
local prefix = ARGV[1]
local state = ARGV[2]
local from = tonumber(ARGV[3])
local size = tonumber(ARGV[4])
local now = nowMillis()
local ids, scores = {}, {}

local function ranked(key, reverse)
  if wrongType(key, 'zset') then return end
  local cmd = reverse and 'ZREVRANGE' or 'ZRANGE'
  local r = redis.call(cmd, key, from, from + size - 1, 'WITHSCORES')
  for i = 1, #r, 2 do ids[#ids + 1] = r[i]; scores[#scores + 1] = r[i + 1] end
end

-- Succeeded (newest first): the done set's members hold a call's ids each; the page walks members
-- from the newest, 100 at a time, skipping whole members until the offset (one ZREVRANGE per 100
-- members skipped).
local function keptPage(key)
  if wrongType(key, 'zset') then return end
  local skip, at = from, 0
  while #ids < size do
    local r = redis.call('ZREVRANGE', key, at, at + 99, 'WITHSCORES')
    if #r == 0 then return end
    at = at + 100
    for i = 1, #r, 2 do
      local n = keptSize(r[i])
      if skip >= n then
        skip = skip - n
      else
        local members = keptIds(r[i])
        for k = skip + 1, #members do
          if #ids >= size then return end
          ids[#ids + 1] = members[k]; scores[#scores + 1] = r[i + 1]
        end
        skip = 0
      end
    end
  end
end

if size > 0 then
  if state == 'q' then
    local skip, want = from, size
    for _, list in ipairs(runOrder(KEYS[1])) do
      if want <= 0 then break end
      if not wrongType(list, 'list') then
        local n = redis.call('LLEN', list)
        if skip >= n then
          skip = skip - n
        else
          local r = redis.call('LRANGE', list, -(skip + want), -(skip + 1))
          for i = #r, 1, -1 do ids[#ids + 1] = r[i]; scores[#scores + 1] = '' end
          want = want - #r
          skip = 0
        end
      end
    end
  elseif state == 's' then ranked(KEYS[2], false)
  elseif state == 'a' then ranked(KEYS[3], false)
  elseif state == 'f' then ranked(KEYS[4], true)
  elseif state == 'd' then keptPage(KEYS[5])
  elseif state == 'w' then ranked(ARGV[5], false)
  elseif state == 'i' then
    for i = 5, #ARGV do ids[#ids + 1] = ARGV[i]; scores[#scores + 1] = '' end
  end
end

local out = {}
local waitOk = not wrongType(KEYS[6], 'hash')
for i = 1, #ids do
  local id = ids[i]
  local payload = waitOk and redis.call('HGET', KEYS[6], id) or nil
  local f = readRecord(prefix .. id, 's', 'n', 'w', 'p', 'f', 'g', 'ph', 't', 'b', 'e') or {}
  local s = f[1]
  if payload then
    if s ~= 'x' then
      s = 'q'
      if redis.call('ZSCORE', KEYS[2], id) then s = 's' end
    end
  end
  s = s or 'm'
  out[#out + 1] = id
  out[#out + 1] = scores[i]
  out[#out + 1] = s
  out[#out + 1] = tostring(saneCount(f[2] or '0') or 0)
  out[#out + 1] = f[3] or ''
  out[#out + 1] = payload or f[4] or f[7] or ''
  out[#out + 1] = f[5] or ''
  out[#out + 1] = f[6] or ''
  out[#out + 1] = tostring(now)
  out[#out + 1] = f[8] or ''
  out[#out + 1] = f[9] or ''
  out[#out + 1] = f[10] or ''
end
return out
