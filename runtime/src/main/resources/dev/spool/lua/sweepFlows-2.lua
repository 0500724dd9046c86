--[[
  Finds continuation entries whose job has finished but whose outcome was not delivered yet (the
  worker died between completing the job and delivering, a delivery failed, or the job failed for
  good inside a script, e.g. after too many lease expiries). Every entry looked at gets its next
  check pushed back, so concurrent sweepers do not deliver the same entry at once; the caller
  delivers the returned ones (joinFlows-4.lua, idempotent) and then removes them.

  KEYS[1] flows   zset   "<id>|<target queue>|<target id>|<input index>" -> next check (ms)
  KEYS[2] wait    hash

  ARGV[1] job key prefix ("<Q>:job:")
  ARGV[2] max entries to look at
  ARGV[3] how long until an entry is looked at again (ms)

  Returns a flat array, four entries per finished job's entry: entry, state ("d" succeeded, "f"
  failed, cancelled or expired, "m" missing: its record expired or was deleted), result or failure JSON, task name.
  A record that is not a hash is delivered as failed (class dev.spool.CorruptRecord). A wrong-typed
  flows set or wait hash is an error reply "SPOOL WRONGTYPE ..." and nothing is written.
]]
--@include clock
--@include validate
--@include failureRecord
local bad = wrongType(KEYS[1], 'zset', KEYS[2], 'hash')
if bad then return bad end
local now = nowMillis()
local entries = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, entry in ipairs(entries) do
  redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[3]), entry)
  local id = string.match(entry, '^([^|]+)|')
  if id and redis.call('HEXISTS', KEYS[2], id) == 0 then
    local f = readRecord(ARGV[1] .. id, 's', 'r', 'f', 'p')
    if not f then
      f = {'f', nil, failureRecord('dev.spool.CorruptRecord', 'its record ' .. ARGV[1] .. id .. ' is not a hash', 0)}
    end
    local task = ''
    if f[4] then task = string.match(f[4], '^([^\n]*)') or '' end
    if f[1] == 'd' then
      out[#out + 1] = entry; out[#out + 1] = 'd'; out[#out + 1] = f[2] or 'null'; out[#out + 1] = task
    elseif f[1] == 'f' or f[1] == 'x' or f[1] == 'e' then
      out[#out + 1] = entry; out[#out + 1] = 'f'; out[#out + 1] = f[3] or ''; out[#out + 1] = task
    elseif not f[1] then
      out[#out + 1] = entry; out[#out + 1] = 'm'; out[#out + 1] = ''; out[#out + 1] = task
    end
  end
end
return out
