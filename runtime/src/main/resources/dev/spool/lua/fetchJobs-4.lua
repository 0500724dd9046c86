--[[
  Leases up to N ready jobs of one queue. Each gets a fresh lease token and a lease that expires
  at Redis' now + lease duration; a first run moves its payload from the wait hash into the job's
  record. Ids in ready whose payload is gone (deleted jobs) are dropped.

  KEYS[1] ready   list
  KEYS[2] wait    hash
  KEYS[3] active  zset   id -> lease expiry (ms, Redis clock)
  KEYS[4] token   string lease token counter

  ARGV[1] job key prefix ("<Q>:job:")
  ARGV[2] max jobs to lease (Redis 6.2+: RPOP with a count)
  ARGV[3] lease duration (ms)
  ARGV[4] id of the fetching worker, kept in the record's field w (optional; "" for none)
  ARGV[5] result TTL (seconds) of the completions below; 0 discards results (optional)
  ARGV[6..] completions to record first, as in completeJobs-1.lua: triples id, lease token,
            result JSON (optional). A worker acknowledges its finished jobs and leases the next
            ones in one call; each completion is token-checked exactly as in completeJobs-1.lua.

  Returns a flat array: first one code per completion triple (1 recorded, -1 stale lease token),
  then id, token, attempt, payload, id, token, attempt, payload, ... per leased job.
]]
--@include clock
--@include recordCompletions

local prefix = ARGV[1]
local max = tonumber(ARGV[2])
local worker = ARGV[4]
if worker == '' then worker = nil end
local out = {}

-- Completions first (same rules as completeJobs-1.lua): written only with the job's current token.
if #ARGV >= 8 then
  recordCompletions(prefix, KEYS[3], tonumber(ARGV[5]), 6, out)
end
if max <= 0 then return out end

local expiry = nowMillis() + tonumber(ARGV[3])
-- Fast path: ids are popped, payloads read and removed, and leases added in batches (RPOP with a
-- count needs Redis 6.2); one lease token per call, which is fresh for every job it leases (a
-- completion checks the pair job id + token). An id that appears twice in one batch is leased once.
local leased = 0
local budget = max + 100
local token = nil
local seen = {}
local active = {}
while leased < max and budget > 0 do
  local want = math.min(max - leased, budget, 1000)
  local ids = redis.call('RPOP', KEYS[1], want)
  if not ids then break end
  budget = budget - #ids
  if not token then token = redis.call('INCR', KEYS[4]) end
  local payloads = redis.call('HMGET', KEYS[2], unpack(ids))
  local moved = {}
  for i = 1, #ids do
    if payloads[i] then moved[#moved + 1] = ids[i] end
  end
  if #moved > 0 then redis.call('HDEL', KEYS[2], unpack(moved)) end
  for i = 1, #ids do
    local id = ids[i]
    local job = prefix .. id
    local payload = payloads[i]
    local attempt = nil
    if seen[id] then
      payload = nil
    elseif payload then
      -- first run: the payload moves from the wait hash into the job's new record (a payload in
      -- the wait hash has never run: retries, recoveries and hand-backs keep it in the record),
      -- so this is attempt 1, written with the other fields in one HSET. A record left under the
      -- same id (an id clash with an expired job's record) must not expire under this job.
      attempt = 1
      local added
      if worker then
        added = redis.call('HSET', job, 'p', payload, 's', 'a', 'k', token, 'n', 1, 'w', worker)
        if added < 5 then redis.call('PERSIST', job) end
      else
        added = redis.call('HSET', job, 'p', payload, 's', 'a', 'k', token, 'n', 1)
        if added < 4 then redis.call('PERSIST', job) end
      end
    else
      -- a retry, a recovered or handed-back job: the payload is in its record already
      payload = redis.call('HGET', job, 'p')
      if payload then
        attempt = redis.call('HINCRBY', job, 'n', 1)
        if worker then
          redis.call('HSET', job, 's', 'a', 'k', token, 'w', worker)
        else
          redis.call('HSET', job, 's', 'a', 'k', token)
        end
        redis.call('PERSIST', job)
      end
    end
    if payload then
      seen[id] = true
      active[#active + 1] = expiry
      active[#active + 1] = id
      out[#out + 1] = id
      out[#out + 1] = tostring(token)
      out[#out + 1] = tostring(attempt)
      out[#out + 1] = payload
      leased = leased + 1
    end
  end
  if #ids < want then break end
end
for i = 1, #active, 2000 do
  redis.call('ZADD', KEYS[3], unpack(active, i, math.min(i + 1999, #active)))
end
return out
