--[[
  Leases up to N ready jobs of one queue. Each gets a fresh lease token and a lease that expires
  at Redis' now + lease duration; a first run moves its payload from the wait hash into the job's
  record. Ids in ready whose payload is gone (deleted jobs) are dropped.

  KEYS[1] ready   list
  KEYS[2] wait    hash
  KEYS[3] active  zset   id -> lease expiry (ms, Redis clock)
  KEYS[4] token   string lease token counter

  ARGV[1] job key prefix ("<Q>:job:")
  ARGV[2] max jobs to lease
  ARGV[3] lease duration (ms)

  Returns a flat array: id, token, attempt, payload, id, token, attempt, payload, ...
]]
local prefix = ARGV[1]
local max = tonumber(ARGV[2])
local t = redis.call('TIME')
local expiry = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[3])
local out = {}
local leased = 0
local budget = max + 100
while leased < max and budget > 0 do
  budget = budget - 1
  local id = redis.call('RPOP', KEYS[1])
  if not id then break end
  local job = prefix .. id
  local payload = redis.call('HGET', KEYS[2], id)
  if payload then
    redis.call('HDEL', KEYS[2], id)
    redis.call('HSET', job, 'p', payload)
  else
    payload = redis.call('HGET', job, 'p')
  end
  if payload then
    local token = redis.call('INCR', KEYS[4])
    local attempt = redis.call('HINCRBY', job, 'n', 1)
    redis.call('HSET', job, 's', 'a', 'k', token)
    redis.call('PERSIST', job)
    redis.call('ZADD', KEYS[3], expiry, id)
    out[#out + 1] = id
    out[#out + 1] = tostring(token)
    out[#out + 1] = tostring(attempt)
    out[#out + 1] = payload
    leased = leased + 1
  end
end
return out
