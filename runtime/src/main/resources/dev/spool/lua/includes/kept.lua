--[[
  Shared by recordCompletions, trimKept-2.lua, countJobs-5.lua and listJobs-6.lua (spliced in where
  a script says "--@include kept"): the queue's succeeded jobs whose results are kept.

  "<Q>:done" is a sorted set of batches, one member per completion call: "<n>|<id> <id> ...", the
  n ids recorded by that call, scored by their records' expiry (ms, Redis' clock; one score for
  the whole call). A member without "|" is one id (a batch of one). The field n of the hash
  "<Q>:done:n" counts the ids of every member still in the set (HINCRBY: a command the ACL of
  docs/redis-keys.md grants already). One member per call instead of one per job keeps the hot
  path to a few commands per call, whatever its size.

  keptAdd(doneKey, ids, n, expiresAt, ttlArg, now) adds the n ids of one call (members of at most
  1000 ids), counts them (a member that was there already, the same ids again, is not counted
  twice), lets both keys expire after ttlArg seconds (gone with the last kept record of an idle
  queue), and trims up to two expired members on the way. It runs after the call's records are
  written, so its commands are pcalls: a key of the wrong type costs the listing and the count,
  never a result (countJobs-5.lua then answers "SPOOL WRONGTYPE").

  keptTrim(doneKey, now, limit) removes up to limit expired members and uncounts their ids;
  returns how many ids.

  keptCount(doneKey, now) is the number of ids in members not yet expired: the counter less the
  ids of expired members not trimmed yet (trimmed by every completion call and by maintenance,
  so few; read-only).

  keptSize(member) is the number of ids a member holds; keptIds(member) lists them, the last
  recorded first (newest first, as the listing shows them).
]]
--@include numArg
local function keptSize(member)
  local n = string.match(member, '^(%d+)|')
  return n and tonumber(n) or 1
end

local function keptIds(member)
  local bar = string.find(member, '|', 1, true)
  if not bar then return { member } end
  local ids = {}
  for id in string.gmatch(string.sub(member, bar + 1), '[^ ]+') do ids[#ids + 1] = id end
  local out, n = {}, #ids
  for i = n, 1, -1 do out[n - i + 1] = ids[i] end
  return out
end

local function keptTrim(doneKey, now, limit)
  local old = redis.pcall('ZRANGEBYSCORE', doneKey, '-inf', now, 'LIMIT', 0, limit)
  if type(old) ~= 'table' or old.err or #old == 0 then return 0 end
  local ids = 0
  for _, member in ipairs(old) do ids = ids + keptSize(member) end
  redis.call('ZREM', doneKey, unpack(old))
  local left = redis.pcall('HINCRBY', doneKey .. ':n', 'n', -ids)
  if type(left) == 'number' and left <= 0 then redis.call('DEL', doneKey .. ':n') end
  return ids
end

local function keptAdd(doneKey, ids, n, expiresAt, ttlArg, now)
  local counter = doneKey .. ':n'
  local score = numArg(expiresAt)
  local added = 0
  for i = 1, n, 1000 do
    local j = math.min(i + 999, n)
    local member = (j - i + 1) .. '|' .. table.concat(ids, ' ', i, j)
    if redis.pcall('ZADD', doneKey, score, member) == 1 then added = added + (j - i + 1) end
  end
  if added > 0 then redis.pcall('HINCRBY', counter, 'n', added) end
  redis.call('EXPIRE', doneKey, ttlArg)
  redis.call('EXPIRE', counter, ttlArg)
  keptTrim(doneKey, now, 2)
end

local function keptCount(doneKey, now)
  local total = tonumber(redis.call('HGET', doneKey .. ':n', 'n') or '0') or 0
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', doneKey, '-inf', now)) do
    total = total - keptSize(member)
  end
  return math.max(0, total)
end
