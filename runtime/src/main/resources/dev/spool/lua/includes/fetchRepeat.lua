--[[
  Shared by fetchJobs-5.lua (spliced in where a script says "--@include fetchRepeat"): makes a
  repeated fetch (the same call again after its reply was lost) return the batch the first call
  leased instead of leasing a second one, which would stay leased to nobody until its leases
  expired.

  fetchKey(prefix, requestId) is "<Q>:fetch:<requestId>", or nil for requestId "".

  rememberFetch(key, token, jobs, ttlMs) keeps the leased ids with their lease token for ttlMs
  (one lease): jobs is the flat list id, token, attempt, payload, ... of the reply.

  repeatFetch(key, prefix, out) answers a repeat: when the first call's batch is remembered, it
  appends 0 (its corrupt entries were reported to the first call) and then id, token, attempt,
  payload for each job of that batch that is still leased under that token, and returns true.
  Otherwise it writes nothing and returns false.
]]
local function fetchKey(prefix, requestId)
  if requestId == nil or requestId == '' then return nil end
  return string.sub(prefix, 1, -5) .. 'fetch:' .. requestId
end

local function rememberFetch(key, token, jobs, ttlMs)
  local ids, n = { tostring(token) }, 1
  for i = 1, #jobs, 4 do
    n = n + 1
    ids[n] = jobs[i]
  end
  redis.call('SET', key, cjson.encode(ids), 'PX', ttlMs)
end

local function repeatFetch(key, prefix, out)
  local kept = redis.pcall('GET', key)
  if type(kept) ~= 'string' then return false end
  local ok, ids = pcall(cjson.decode, kept)
  if not ok or type(ids) ~= 'table' or #ids < 1 then return false end
  local token = ids[1]
  out[#out + 1] = 0
  for i = 2, #ids do
    local f = redis.pcall('HMGET', prefix .. ids[i], 's', 'k', 'n', 'p')
    if type(f) == 'table' and not f.err and f[1] == 'a' and f[2] == token and f[4] then
      out[#out + 1] = ids[i]
      out[#out + 1] = token
      out[#out + 1] = f[3]
      out[#out + 1] = f[4]
    end
  end
  return true
end
