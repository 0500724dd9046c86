--[[
  Shared by the enqueue scripts (spliced in where a script says "--@include claimId").

  claimId(wait, id, payload) claims a job id for a new job and writes its payload into the wait
  hash (KEYS[1] of every enqueue script, "<Q>:wait"). A job's id stays claimed for as long as
  the job exists: while its payload waits in the wait hash, and after a worker fetched it, while
  its record "<Q>:job:<id>" exists (running, retried, failed, or succeeded with its result kept).
  Answers
    nil  claimed: the payload is in the wait hash now and the caller places the job
    3    this same job was written before (a repeat after a lost reply, also after a worker
         fetched or ran it): nothing written
    -2   another job has this id: nothing written
  Its first write is the payload's HSETNX, so a Redis at maxmemory refuses the whole call.
]]
local function claimId(wait, id, payload)
  local job = string.sub(wait, 1, -5) .. 'job:' .. id
  local kind = redis.call('TYPE', job).ok
  if kind ~= 'none' then
    if kind ~= 'hash' then return -2 end
    local f = redis.call('HMGET', job, 'p', 's', 't', 'ph')
    if f[1] == payload then return 3 end
    if not f[1] and f[2] == 'd' and f[3] == string.match(payload, '^[^\n]*') then return 3 end
    return -2
  end
  if redis.call('HSETNX', wait, id, payload) == 0 then
    if redis.call('HGET', wait, id) == payload then return 3 end
    return -2
  end
  return nil
end
