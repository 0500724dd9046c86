--[[
  Leases up to N ready jobs of one queue. Each gets a fresh lease token and a lease that expires
  at Redis' now + lease duration, and its record's field b (the start of this attempt) is set to
  Redis' now (ms), in the HSET that writes its state; a first run moves its payload from the wait
  hash into the job's record. Ids in ready whose payload is gone (deleted jobs) are dropped.

  Checks before it writes: a key of the queue with the wrong Redis type, or a lease token counter
  that is not a number, is an error reply "SPOOL WRONGTYPE ..." / "SPOOL CORRUPT ..." and nothing is
  written. A corrupt entry is dead-lettered on its own and the batch goes on: a record that is not
  a hash (its payload, if any, stays in the wait hash), a record without a payload (field p) or an
  attempt counter (field n) that is not a count. Such a record gets a failure record of class
  dev.spool.CorruptRecord and expires after the dead TTL.

  KEYS[1] ready   list
  KEYS[2] wait    hash
  KEYS[3] active  zset   id -> lease expiry (ms, Redis clock)
  KEYS[4] token   string lease token counter
  KEYS[5] dead    zset   id -> time of death (ms)

  ARGV[1] job key prefix ("<Q>:job:")
  ARGV[2] max jobs to lease (Redis 6.2+: RPOP with a count)
  ARGV[3] lease duration (ms)
  ARGV[4] id of the fetching worker, kept in the record's field w ("" for none)
  ARGV[5] result TTL (seconds) of the completions below; 0 discards results
  ARGV[6] dead TTL (seconds) of the records of corrupt entries
  ARGV[7] request id ("" for none): a repeat of this call with the same request id (after a lost
          reply) returns the jobs the first call leased that are still leased to it (see
          fetchRepeat), and leases nothing new
  ARGV[8..] completions to record first, as in completeJobs-1.lua: triples id, lease token,
            result JSON (optional). A worker acknowledges its finished jobs and leases the next
            ones in one call; each completion is token-checked exactly as in completeJobs-1.lua.
            A parked job that a completion moves back to ready is leased by this same call when
            it has room; wake-up tokens are pushed only for those it leaves in ready.

  Returns a flat array: first one code per completion triple (1 recorded, 2 recorded before,
  -1 stale lease token), then D, the number of corrupt entries dead-lettered, then D pairs id,
  reason, then id, token, attempt, payload, id, token, attempt, payload, ... per leased job.
  A paused queue (the key "<Q>:paused" exists) leases nothing: after the completion codes the
  reply is 0, "P". A cancelled job (record state x) met in ready is dropped.

  Limits (see includes/limits.lua; one HMGET of "<Q>:limits" per call when the queue has none):
  with a rate limit, a call leases no more than the window has room for; when the window is full
  after the call, the reply has "R", ms until the next start is allowed, between the corrupt
  entries and the jobs (the worker asks again then; nothing is leased before). On a keyed queue, a
  job whose concurrency key has all its slots held is parked in "<Q>:parked:<key>" instead of
  leased (its payload stays where it was; it is still queued), so the jobs behind it are not held
  up; a finished holder moves one back to the front of ready. Parked jobs count against the call's
  budget of popped ids (max + 1000 on a keyed queue); parking never counts as a start.

  Priorities (see includes/levels.lua): once a job with a priority level other than 0 was enqueued
  to the queue (the field prio of "<Q>:limits", read in the same HMGET), the call takes from the
  lists of the levels named in "<Q>:levels", highest first, then ready (level 0), then the levels
  below 0; within a level first in, first out. That costs one ZREVRANGE per call, whatever the
  queue's length; a queue that never had a prioritized job pops from ready alone, as before.

  A Redis at maxmemory refuses the call before any job leaves ready: the lease token's INCR (or a
  completion's HSET) is its first write, and Redis refuses a script for memory only there. Safe to
  run twice with the same arguments (the request id makes the repeat return the same batch).
]]
--@include clock
--@include numArg
--@include validate
--@include failureRecord
--@include recordCompletions
--@include fetchRepeat
--@include wake
--@include limits

local bad = wrongType(KEYS[1], 'list', KEYS[2], 'hash', KEYS[3], 'zset', KEYS[4], 'string', KEYS[5], 'zset')
if bad then return bad end
local prefix = ARGV[1]
local max = tonumber(ARGV[2])
local worker = ARGV[4]
if worker == '' then worker = nil end
local deadTtl = tonumber(ARGV[6])
local base = string.sub(prefix, 1, -5)
local limits = readLimits(base)
if limits.err then return limits end
if limits.rate then
  bad = wrongType(base .. 'rate', 'zset')
  if bad then return bad end
end
if limits.keyed then
  bad = wrongType(base .. 'parkedkeys', 'zset')
  if bad then return bad end
end
if max > 0 then
  local counter = redis.call('GET', KEYS[4])
  if counter and not (string.match(counter, '^%d+$') and #counter < 16) then
    return redis.error_reply('SPOOL CORRUPT ' .. KEYS[4] .. ' is not a lease token counter')
  end
end
local out = {}

-- Completions first (same rules as completeJobs-1.lua): written only with the job's current token.
-- The parked jobs they move back to ready (freed) get their wake-up tokens at the end, for those
-- this call does not lease itself; a call that leases nothing wakes for all of them.
local freed = 0
if #ARGV >= 10 then
  freed = recordCompletions(prefix, KEYS[3], tonumber(ARGV[5]), 8, out, limits.keyed, true)
end
local function wakeFreed()
  if freed > 0 then wake(base .. 'signal', SIGNAL_CAP, freed) end
end
-- A repeat of a fetch whose reply was lost: the same batch again, nothing new leased.
local repeatKey = max > 0 and fetchKey(prefix, ARGV[7]) or nil
if repeatKey and repeatFetch(repeatKey, prefix, out) then
  wakeFreed()
  return out
end
-- A paused queue ("<Q>:paused" exists, see pauseQueue) leases nothing; its reply ends in "P".
if max > 0 and redis.call('EXISTS', base .. 'paused') == 1 then
  wakeFreed()
  out[#out + 1] = 0
  out[#out + 1] = 'P'
  return out
end
if max <= 0 then
  wakeFreed()
  out[#out + 1] = 0
  return out
end

local now = nowMillis()
local expiry = now + tonumber(ARGV[3])
-- per-job arguments as strings, formatted once (see includes/numArg.lua)
local nowArg, expiryArg, deadTtlArg = numArg(now), numArg(expiry), numArg(deadTtl)
local dead = {}
local limited = limits.rate or limits.keyed
-- On a limited queue the token comes first: it is the call's first write, which a Redis at
-- maxmemory refuses (the window's trim and the parked keys' checks below write too).
local token = nil
if limited then token = redis.call('INCR', KEYS[4]) end
local room = nil
if limits.rate then
  room = rateRoom(base, limits, now)
  if room <= 0 then
    wakeFreed()
    out[#out + 1] = 0
    out[#out + 1] = 'R'
    out[#out + 1] = rateWait(base, limits, now)
    return out
  end
  max = math.min(max, room)
end
-- Keyed queue: per key, the holders counted once per call; parked keys due for a check.
local held = {}
local parkedKeys = {}
local parked = 0
local unparked = 0
if limits.keyed then
  local due = redis.call('ZRANGEBYSCORE', base .. 'parkedkeys', '-inf', now, 'LIMIT', 0, 20)
  for _, key in ipairs(due) do
    local live = liveHolders(base, KEYS[3], key, now)
    if live == 0 and unpark(base, key) then unparked = unparked + 1 end
    held[key] = live
    if redis.call('EXISTS', base .. 'parked:' .. key) == 1 then
      redis.call('ZADD', base .. 'parkedkeys', now + PARKED_RECHECK_MS, key)
    else
      redis.call('ZREM', base .. 'parkedkeys', key)
    end
  end
end

-- A corrupt entry: into the dead set; a hash record keeps the reason and expires.
local function deadLetter(id, job, isHash, reason, attempts)
  if isHash then
    redis.call('HSET', job, 's', 'f', 'f', failureRecord('dev.spool.CorruptRecord', reason, attempts))
  end
  redis.call('EXPIRE', job, deadTtl)
  redis.call('ZADD', KEYS[5], now, id)
  dead[#dead + 1] = id
  dead[#dead + 1] = reason
end

-- Keyed queue: whether a job may start now. A job whose key has all its slots held is parked
-- (false); one whose key's set or list has the wrong type is dead-lettered (false). A job that
-- takes a slot while more are free brings one parked job of its key back (after an unpark found
-- no holder left, the others follow one by one).
local function admit(id, job, payload, isHash)
  local cmax, key = concurrencyKey(payload)
  if not key then return true end
  local live = held[key]
  if live == nil then
    live = liveHolders(base, KEYS[3], key, now)
    if live == nil then
      deadLetter(id, job, isHash, 'its concurrency key\'s holder set ' .. base .. 'ckey:' .. key .. ' is not a set')
      return false
    end
  end
  if live >= cmax then
    local pushed = redis.pcall('LPUSH', base .. 'parked:' .. key, id)
    if type(pushed) ~= 'number' then
      deadLetter(id, job, isHash, 'its concurrency key\'s parked list ' .. base .. 'parked:' .. key .. ' is not a list')
    else
      parkedKeys[key] = true
      parked = parked + 1
    end
    held[key] = live
    return false
  end
  redis.call('SADD', base .. 'ckey:' .. key, id)
  redis.call('EXPIRE', base .. 'ckey:' .. key, deadTtlArg)
  held[key] = live + 1
  if live + 1 < cmax and unpark(base, key) then unparked = unparked + 1 end
  return true
end

-- Fast path: ids are popped, payloads read, and leases added in batches (RPOP with a count needs
-- Redis 6.2); one lease token per call, which is fresh for every job it leases (a completion
-- checks the pair job id + token). An id that appears twice in one batch is leased once.
local leased = 0
local budget = max + (limits.keyed and 1000 or 100)
-- Priority levels (includes/levels.lua): once the queue's prio flag is set, the lists of the levels
-- in "<Q>:levels" are taken in run order (highest level first, each first in, first out), and a
-- level whose list is found empty leaves "<Q>:levels"; otherwise ready alone, as always.
local lists, listLevels = { KEYS[1] }, { 0 }
if limits.prio then lists, listLevels = runOrder(KEYS[1]) end
local function anyReady()
  for _, list in ipairs(lists) do
    local n = redis.pcall('LLEN', list)
    if type(n) == 'number' and n > 0 then return true end
  end
  return false
end
local function drained(at)
  if listLevels[at] ~= 0 and redis.pcall('LLEN', lists[at]) == 0 then
    redis.call('ZREM', base .. 'levels', listLevels[at])
  end
end
-- The token is drawn before the first RPOP: INCR is refused by a Redis at maxmemory, RPOP is not.
if not token and anyReady() then token = redis.call('INCR', KEYS[4]) end
-- the token as its commands' argument and as the reply's string, formatted once per call
local tokenArg = token and numArg(token)
local tokenReply = token and tostring(token)
local call, pcall_ = redis.call, redis.pcall -- per job: read from locals, not from the table redis
local seen = {}
local active, nActive = {}, 0
local jobs, nJobs = {}, 0
local at = 1
while token and leased < max and budget > 0 and at <= #lists do
  local want = math.min(max - leased, budget, 1000)
  local ids = redis.pcall('RPOP', lists[at], want)
  if type(ids) ~= 'table' or ids.err then ids = nil end
  if not ids then
    drained(at)
    at = at + 1
    ids = {}
  end
  budget = budget - #ids
  local payloads = #ids > 0 and redis.call('HMGET', KEYS[2], unpack(ids)) or {}
  local moved, nMoved = {}, 0
  for i = 1, #ids do
    local id = ids[i]
    local job = prefix .. id
    local payload = payloads[i]
    local attempt = nil
    if seen[id] then
      payload = nil
    elseif payload and limits.keyed and not admit(id, job, payload, false) then
      seen[id] = true -- parked: its payload stays in the wait hash
      payload = nil
    elseif payload then
      -- first run: the payload moves from the wait hash into the job's new record (a payload in
      -- the wait hash has never run: retries, recoveries and hand-backs keep it in the record),
      -- so this is attempt 1, written with the other fields (and its start, b) in one HSET. A
      -- record left under the same id (an id clash with an expired job's record) must not expire
      -- under this job.
      local added
      if worker then
        added = pcall_('HSET', job, 'p', payload, 's', 'a', 'k', tokenArg, 'n', '1', 'b', nowArg, 'w', worker)
      else
        added = pcall_('HSET', job, 'p', payload, 's', 'a', 'k', tokenArg, 'n', '1', 'b', nowArg)
      end
      if type(added) == 'table' then
        deadLetter(id, job, false, 'its record ' .. job .. ' is not a hash; the payload stays in the wait hash')
        payload = nil
      else
        if added < (worker and 6 or 5) then call('PERSIST', job) end
        nMoved = nMoved + 1
        moved[nMoved] = id
        attempt = '1'
      end
    else
      -- a retry, a recovered or handed-back job: the payload is in its record already
      local f = readRecord(job, 'p', 'n', 's')
      if not f then
        deadLetter(id, job, false, 'its record ' .. job .. ' is not a hash')
      elseif f[3] == 'x' then
        payload = nil -- cancelled (cancelJob-6.lua): never runs
      elseif not f[1] then
        if f[2] or f[3] then
          deadLetter(id, job, true, 'its record has no payload (field p)', saneCount(f[2]) or 0)
        end
      else
        local n = saneCount(f[2] or '0')
        if not n then
          deadLetter(id, job, true, 'its attempt counter (field n) is "' .. string.sub(f[2], 1, 40)
            .. '", not a count from 0 to 1000000000', 0)
        elseif limits.keyed and not admit(id, job, f[1], true) then
          seen[id] = true -- parked: the record stays as it is (queued)
        else
          payload = f[1]
          attempt = numArg(n + 1) -- at most 10^9 + 1: the same digits as tostring
          if worker then
            call('HSET', job, 's', 'a', 'k', tokenArg, 'n', attempt, 'b', nowArg, 'w', worker)
          else
            call('HSET', job, 's', 'a', 'k', tokenArg, 'n', attempt, 'b', nowArg)
          end
          call('PERSIST', job)
        end
      end
    end
    if attempt then
      seen[id] = true
      active[nActive + 1] = expiryArg
      active[nActive + 2] = id
      nActive = nActive + 2
      jobs[nJobs + 1] = id
      jobs[nJobs + 2] = tokenReply
      jobs[nJobs + 3] = attempt
      jobs[nJobs + 4] = payload
      nJobs = nJobs + 4
      leased = leased + 1
    end
  end
  if nMoved > 0 then redis.call('HDEL', KEYS[2], unpack(moved)) end
  if #ids > 0 and #ids < want then
    drained(at)
    at = at + 1
  end
end
for i = 1, nActive, 2000 do
  redis.call('ZADD', KEYS[3], unpack(active, i, math.min(i + 1999, nActive)))
end
if repeatKey and #jobs > 0 then rememberFetch(repeatKey, token, jobs, tonumber(ARGV[3])) end
for key in pairs(parkedKeys) do
  redis.call('ZADD', base .. 'parkedkeys', now + PARKED_RECHECK_MS, key)
end
countParked(base, parked)
-- Parked jobs may have used the budget with jobs left behind them, and a job brought back may sit
-- in ready after the last pop: a wake-up token brings a worker back for them at once. The jobs the
-- completions freed that are still in ready get one token each (at most as many as are ready).
local tokens = 0
if freed > 0 then
  for _, list in ipairs(lists) do
    local n = redis.pcall('LLEN', list)
    if type(n) == 'number' then tokens = tokens + n end
  end
  tokens = math.min(freed, tokens)
end
if tokens == 0 and (parked > 0 or unparked > 0) and anyReady() then tokens = 1 end
if tokens > 0 then wake(base .. 'signal', SIGNAL_CAP, tokens) end
out[#out + 1] = #dead / 2
for i = 1, #dead do out[#out + 1] = dead[i] end
if limits.rate then
  local started = {}
  for i = 1, #jobs, 4 do started[#started + 1] = jobs[i] .. ':' .. jobs[i + 1] end
  rateStarted(base, limits, now, started)
  if leased >= room then
    out[#out + 1] = 'R'
    out[#out + 1] = rateWait(base, limits, now)
  end
end
local n = #out
for i = 1, nJobs do out[n + i] = jobs[i] end
return out
