--[[
  Shared by fetchJobs-5.lua, completeJobs-1.lua, failJob-3.lua, recoverLeases-4.lua and
  requeueLost-4.lua (spliced in where a script says "--@include limits"; needs "--@include wake"
  before it; it includes levels itself): a queue's rate limit and per-key concurrency. Every key
  below starts with the queue's base "<Q>:" (the job key prefix without "job:"), so it shares the queue's hash tag.

  "<Q>:limits" (hash, no TTL: settings, like "<Q>:paused") holds
    rate, per  at most rate starts in any window of per ms, across all workers (JobQueue.rateLimit)
    keyed      "1" once a worker that runs a task with @Task(concurrencyKey) serves the queue:
               only then do the scripts read a job's concurrency key from its payload
    prio       "1" once a job with a priority level other than 0 was enqueued (includes/levels.lua)
  readLimits(base) reads it with one HMGET: {rate = n or nil, per = ms or nil, keyed = boolean,
  prio = boolean}, or an error reply when it is not a hash. A queue without limits costs that HMGET and nothing else.

  Rate limit: "<Q>:rate" (sorted set, PEXPIREd to one window after each write) holds the starts of
  the last window, member "<id>:<token>" scored by the start (ms, Redis clock).
    rateRoom(base, limits, now)   drops the starts older than the window; how many more may start
    rateStarted(base, limits, now, members)  records starts (members "<id>:<token>")
    rateWait(base, limits, now)   ms until the oldest start leaves the window (at least 1)

  Per-key concurrency: a job's payload has the line "ck:<max>:<key>" (dev.spool.internal
  .ConcurrencyKeys); "<Q>:ckey:<key>" (set) holds the ids of the jobs that hold one of the key's max
  slots, and "<Q>:parked:<key>" (list, pushed left, taken right) the jobs that wait for one. A
  holder counts only while its lease in active is live: a crashed holder's slot comes back when its
  lease expires, whoever cleans up. "<Q>:parkedkeys" (sorted set) lists the keys with parked jobs,
  scored by when a fetch checks them again (PARKED_RECHECK_MS): a parked key whose holders are all
  gone without releasing it (an expired or cancelled holder) gets one job back then.
    concurrencyKey(payload)       max, key of a payload, or nil
    liveHolders(base, active, key, now)  how many holders are live (stale ones are removed), or
                                  nil when "<Q>:ckey:<key>" is not a set
    unpark(base, key)             moves the oldest parked job of key to the front of ready (of its
                                  priority level's list once readLimits saw the prio flag); its id
                                  or nil
    countParked(base, n)          adds n to the field parked of "<Q>:limits" (removed at 0), the
                                  number of entries in the parked lists, which the queue's counts
                                  add to its queued jobs
    releaseKey(base, id, payload, toReady, quiet)  a holder ended: frees its slot and, when toReady,
                                  moves one parked job of its key to ready and pushes a wake-up
                                  token (none when quiet: the caller wakes); whether one moved
]]
--@include levels
local PARKED_RECHECK_MS = 1000
local SIGNAL_CAP = 64 -- QueueCalls.SIGNAL_CAP
local LEVELED = false -- the queue's prio flag, as readLimits read it


local function readLimits(base)
  local f = redis.pcall('HMGET', base .. 'limits', 'rate', 'per', 'keyed', 'prio')
  if f.err then
    return redis.error_reply('SPOOL WRONGTYPE ' .. base .. 'limits is not a hash')
  end
  local rate, per = tonumber(f[1]), tonumber(f[2])
  if not (rate and per and rate >= 1 and per >= 1) then rate, per = nil, nil end
  LEVELED = f[4] == '1'
  return { rate = rate, per = per, keyed = f[3] == '1', prio = LEVELED }
end

local function rateRoom(base, limits, now)
  local log = base .. 'rate'
  redis.call('ZREMRANGEBYSCORE', log, '-inf', now - limits.per)
  return limits.rate - redis.call('ZCARD', log)
end

local function rateStarted(base, limits, now, members)
  if #members == 0 then return end
  local log = base .. 'rate'
  for i = 1, #members, 1000 do
    local batch = {}
    for j = i, math.min(i + 999, #members) do
      batch[#batch + 1] = now
      batch[#batch + 1] = members[j]
    end
    redis.call('ZADD', log, unpack(batch))
  end
  redis.call('PEXPIRE', log, limits.per)
end

local function rateWait(base, limits, now)
  local oldest = redis.call('ZRANGE', base .. 'rate', 0, 0, 'WITHSCORES')
  if not oldest[2] then return 1 end
  return math.max(1, tonumber(oldest[2]) + limits.per - now)
end

local function concurrencyKey(payload)
  if not payload then return nil end
  local max, key = string.match(payload, '\nck:(%d+):([^\n]*)\n')
  if not max then return nil end
  return tonumber(max), key
end

local function liveHolders(base, active, key, now)
  local holders = base .. 'ckey:' .. key
  local members = redis.pcall('SMEMBERS', holders)
  if members.err then return nil end
  local live, stale = 0, {}
  for _, m in ipairs(members) do
    local expiry = redis.call('ZSCORE', active, m)
    if expiry and tonumber(expiry) > now then live = live + 1 else stale[#stale + 1] = m end
  end
  if #stale > 0 then redis.call('SREM', holders, unpack(stale)) end
  return live
end

local function countParked(base, n)
  if n == 0 then return end
  local left = redis.pcall('HINCRBY', base .. 'limits', 'parked', n)
  if type(left) == 'number' and left <= 0 then redis.call('HDEL', base .. 'limits', 'parked') end
end

local function unpark(base, key)
  local parked = base .. 'parked:' .. key
  local id = redis.pcall('RPOP', parked)
  if type(id) ~= 'string' then return nil end
  if LEVELED then
    pushOne(base .. 'ready', id, payloadOf(base .. 'ready', id), true)
  else
    redis.call('RPUSH', base .. 'ready', id)
  end
  countParked(base, -1)
  if redis.call('EXISTS', parked) == 0 then redis.pcall('ZREM', base .. 'parkedkeys', key) end
  return id
end

local function releaseKey(base, id, payload, toReady, quiet)
  local _, key = concurrencyKey(payload)
  if not key then return false end
  redis.pcall('SREM', base .. 'ckey:' .. key, id)
  if toReady and unpark(base, key) then
    if not quiet then wake(base .. 'signal', SIGNAL_CAP, 1) end
    return true
  end
  return false
end
