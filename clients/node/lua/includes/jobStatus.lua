--[[
  Shared by readStatus-3.lua and awaitJob-4.lua (spliced in where a script says
  "--@include jobStatus"; needs "--@include validate" before it).

  jobStatus(wait, due, job, id) reads where one job is: {state, attempts, result JSON or false,
  failure JSON or false}; state is "s" scheduled, "q" queued, "m" missing, else the record's state
  ("a" active, "d" succeeded, "f" failed, "w" waiting for inputs, "x" cancelled, ...). An attempt
  counter that is not a count (a corrupt record) reads as 0.
]]
local function jobStatus(wait, due, job, id)
  if redis.call('HEXISTS', wait, id) == 1 then
    if redis.call('ZSCORE', due, id) then
      return {'s', '0', false, false}
    end
    return {'q', '0', false, false}
  end
  local fields = redis.call('HMGET', job, 's', 'n', 'r', 'f')
  if not fields[1] then
    return {'m', '0', false, false}
  end
  return {fields[1], tostring(saneCount(fields[2] or '0') or 0), fields[3], fields[4]}
end
