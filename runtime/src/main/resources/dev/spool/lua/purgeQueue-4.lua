--[[
  Removes up to N waiting jobs of one queue (queued ones first, from the tail where the next job
  to run is, level by level in run order (includes/levels.lua), then those parked for a slot of their concurrency key, then scheduled ones): their ids, payloads and, for retried or handed-back jobs, their
  records. Running, dead, succeeded and workflow-waiting jobs are left alone. The client calls it
  in rounds until it removes fewer than N, so that no call holds Redis for long.

  KEYS[1] ready   list
  KEYS[2] wait    hash
  KEYS[3] due     zset
  KEYS[4] signal  list   emptied: no wake-up is due for a purged queue

  ARGV[1] job key prefix ("<Q>:job:")
  ARGV[2] N, the most jobs removed by this call

  Returns how many jobs it removed. A key of the wrong type is an error reply
  "SPOOL WRONGTYPE ..." and nothing is written.
]]
--@include validate
--@include wake
--@include limits
local bad = wrongType(KEYS[1], 'list', KEYS[2], 'hash', KEYS[3], 'zset', KEYS[4], 'list')
if bad then return bad end
local prefix = ARGV[1]
local left = tonumber(ARGV[2])
local removed = 0

-- A job that ran before (a retry, a recovered or handed-back job) has a record and no payload in
-- the wait hash; its record goes too, unless it is running or finished (an id left behind).
local function drop(id)
  if redis.call('HDEL', KEYS[2], id) == 1 then
    removed = removed + 1
    return
  end
  local f = readRecord(prefix .. id, 's')
  if f and (f[1] == 'q' or f[1] == 's') then
    redis.call('DEL', prefix .. id)
    removed = removed + 1
  end
end

local base = string.sub(prefix, 1, -5)
local lists, listLevels = runOrder(KEYS[1])
for at, list in ipairs(lists) do
  if left <= 0 then break end
  local ids = redis.pcall('RPOP', list, left)
  if type(ids) == 'table' and not ids.err then
    for i = 1, #ids do drop(ids[i]) end
    left = left - #ids
  end
  if listLevels[at] ~= 0 and redis.call('EXISTS', list) == 0 then
    redis.call('ZREM', base .. 'levels', listLevels[at])
  end
end
if left > 0 and redis.call('TYPE', base .. 'parkedkeys').ok == 'zset' then
  for _, key in ipairs(redis.call('ZRANGE', base .. 'parkedkeys', 0, left - 1)) do
    local ids = redis.pcall('RPOP', base .. 'parked:' .. key, left)
    if type(ids) == 'table' and not ids.err then
      for i = 1, #ids do drop(ids[i]) end
      left = left - #ids
      countParked(base, -#ids)
    end
    if redis.call('EXISTS', base .. 'parked:' .. key) == 0 then redis.call('ZREM', base .. 'parkedkeys', key) end
    if left <= 0 then break end
  end
end
if left > 0 then
  local due = redis.call('ZPOPMIN', KEYS[3], left)
  for i = 1, #due, 2 do drop(due[i]) end
end
redis.call('DEL', KEYS[4])
return removed
