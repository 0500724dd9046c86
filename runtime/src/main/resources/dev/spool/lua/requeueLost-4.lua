--[[
  Re-queues jobs whose payload waits in the wait hash but whose id is in neither ready nor due: a
  queue entry lost to eviction (maxmemory-policy other than noeviction) or a hand edit. Such a
  job would never run. Each id given is checked again here, atomically, so a job fetched or
  placed meanwhile is left alone (JobQueue.repair reads the candidates first).

  KEYS[1] wait    hash
  KEYS[2] ready   list
  KEYS[3] due     zset
  KEYS[4] signal  list

  ARGV[1] signal cap
  ARGV[2..] candidate ids

  A key with the wrong Redis type is an error reply "SPOOL WRONGTYPE ..." and nothing is written.
  On a keyed queue (see includes/limits.lua) a job parked in its concurrency key's list
  "<Q>:parked:<key>" is placed too, and left alone.

  Returns how many ids were put back in ready (in the list of their priority level, see
  includes/levels.lua). Safe to run twice: a repeat finds them in ready.
]]
--@include validate
--@include wake
--@include levels
--@include limits
local bad = wrongType(KEYS[1], 'hash', KEYS[2], 'list', KEYS[3], 'zset', KEYS[4], 'list')
if bad then return bad end
local base = string.sub(KEYS[2], 1, -6)
local limits = readLimits(base)
if limits.err then return limits end
local function parked(id, payload)
  local _, key = concurrencyKey(payload)
  if not key then return false end
  local at = redis.pcall('LPOS', base .. 'parked:' .. key, id)
  return type(at) == 'number'
end
local lost = {}
for i = 2, #ARGV do
  local id = ARGV[i]
  local payload = redis.call('HGET', KEYS[1], id)
  local level = levelOf(payload)
  if payload and not redis.call('ZSCORE', KEYS[3], id) and not redis.call('LPOS', levelList(KEYS[2], level), id)
      and not (limits.keyed and parked(id, payload)) then
    lost[#lost + 1] = id
    pushLevel(KEYS[2], level, {id}, false)
  end
end
if #lost > 0 then wake(KEYS[4], tonumber(ARGV[1]), #lost) end
return #lost
