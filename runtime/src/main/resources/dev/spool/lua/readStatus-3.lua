--[[
  Reads where one job is, in one consistent step (read-only).

  KEYS[1] wait    hash
  KEYS[2] due     zset
  KEYS[3] job     hash   the job's record ("<Q>:job:<id>")

  ARGV[1] id

  Returns {state, attempts, result JSON or false, failure JSON or false}; state is
  "s" scheduled, "q" queued, "a" active, "d" succeeded, "f" failed, "m" missing. An attempt
  counter that is not a count (a corrupt record) reads as 0.
]]
--@include validate
local id = ARGV[1]
if redis.call('HEXISTS', KEYS[1], id) == 1 then
  if redis.call('ZSCORE', KEYS[2], id) then
    return {'s', '0', false, false}
  end
  return {'q', '0', false, false}
end
local fields = redis.call('HMGET', KEYS[3], 's', 'n', 'r', 'f')
if not fields[1] then
  return {'m', '0', false, false}
end
return {fields[1], tostring(saneCount(fields[2] or '0') or 0), fields[3], fields[4]}
