--[[
  Shared by completeJobs-1.lua and fetchJobs-5.lua (spliced in where a script says
  "--@include recordCompletions"). The caller checks the type of the active set first.

  recordCompletions(prefix, active, ttl, first, out) records the results of finished jobs given in
  ARGV as triples (id, lease token, result JSON) from ARGV[first] on. Each is written only if the
  job is still active under that same lease token (see leaseCheck). A result of "" discards it: a
  success then deletes the job's record (keepResults off); otherwise the record keeps the result
  (r), attempts (n), the task name (t, the payload's first line), when it finished (e, ms) and the
  completing token (k),
  drops its payload, and expires after ttl seconds; the call's kept ids go into the queue's
  "<Q>:done" set as one member, scored by that expiry, for counting and listing (see includes/kept.lua).

  Safe to run twice: a repeat of a recorded completion (the reply was lost and the worker asks
  again) finds the record succeeded under the same token and answers 2, writing nothing. A
  discarded record cannot answer so; the worker reads it back as missing (see the Java Acker).

  On a keyed queue (keyed true, see includes/limits.lua) a recorded job that held a concurrency
  key frees its slot and moves one parked job of its key to the front of ready, with a wake-up
  token for it unless quiet (fetchJobs-5.lua wakes for those it does not lease itself); the number
  moved is returned.

  Clients awaiting one of the recorded jobs are told through notifyAwaiters (one EXISTS per call
  when nobody awaits a job of the queue).

  Appends one code per triple to out: 1 recorded, 2 recorded already by this same lease, -1 stale
  lease token (nothing written; also for a record that is no longer a hash, which the lease
  recovery then dead-letters).
]]
--@include validate
--@include clock
--@include numArg
--@include countMinute
--@include notifyAwaiters
--@include wake
--@include limits
--@include kept
local function recordCompletions(prefix, active, ttl, first, out, keyed, quiet)
  local done, nDone = {}, 0
  local kept, nKept = {}, 0
  local results = {}
  local now = #ARGV >= first and nowMillis() or 0
  -- per-job arguments as strings, formatted once (see includes/numArg.lua)
  local nowArg, ttlArg = numArg(now), numArg(ttl)
  local nOut = #out
  local unparked = 0
  -- per job: ARGV and redis.call read from locals (one table read each instead of two)
  local argv, call = ARGV, redis.call
  for i = first, #argv, 3 do
    local id = argv[i]
    local job = prefix .. id
    local token = argv[i + 1]
    local result = argv[i + 2]
    local fields = readRecord(job, 's', 'k', 'p') or {}
    if fields[1] == 'a' and fields[2] == token then
      if result ~= '' then
        -- the task name: the payload's first line (a plain find, not a pattern match)
        local payload = fields[3] or ''
        local nl = string.find(payload, '\n', 1, true)
        call('HSET', job, 's', 'd', 'r', result, 't', nl and string.sub(payload, 1, nl - 1) or payload, 'e', nowArg)
        call('HDEL', job, 'p', 'f')
        call('EXPIRE', job, ttlArg)
        nKept = nKept + 1
        kept[nKept] = id
      else
        call('DEL', job)
      end
      nDone = nDone + 1
      done[nDone] = id
      results[nDone] = result
      nOut = nOut + 1
      out[nOut] = 1
      if keyed and releaseKey(string.sub(prefix, 1, -5), id, fields[3], true, quiet) then unparked = unparked + 1 end
    elseif fields[1] == 'd' and fields[2] == token then
      nOut = nOut + 1
      out[nOut] = 2
    else
      nOut = nOut + 1
      out[nOut] = -1
    end
  end
  countMinute(prefix, 'p', nDone, now)
  for i = 1, nDone, 1000 do
    redis.call('ZREM', active, unpack(done, i, math.min(i + 999, nDone)))
  end
  notifyAwaiters(prefix, done, function(j)
    if results[j] ~= '' then return done[j] .. '\nd\n' .. results[j] end
    return done[j] .. '\nm'
  end)
  -- kept results are counted and listed through "<Q>:done": one member for this call's ids
  if ttl > 0 and nKept > 0 then
    keptAdd(string.sub(prefix, 1, -5) .. 'done', kept, nKept, now + ttl * 1000, ttlArg, now)
  end
  return unparked
end
