--[[
  Shared by completeJobs-1.lua and fetchJobs-5.lua (spliced in where a script says
  "--@include recordCompletions"). The caller checks the type of the active set first.

  recordCompletions(prefix, active, ttl, first, out) records the results of finished jobs given in
  ARGV as triples (id, lease token, result JSON) from ARGV[first] on. Each is written only if the
  job is still active under that same lease token (see leaseCheck). A result of "" discards it: a
  success then deletes the job's record (keepResults off); otherwise the record keeps the result
  (r), attempts (n), the task name (t, the payload's first line), when it finished (e, ms) and the
  completing token (k),
  drops its payload, and expires after ttl seconds; its id goes into the queue's "<Q>:done" set,
  scored by that expiry (one ZADD per call, for counting and listing).

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
--@include countMinute
--@include notifyAwaiters
--@include wake
--@include limits
local function recordCompletions(prefix, active, ttl, first, out, keyed, quiet)
  local done = {}
  local kept = {}
  local results = {}
  local now = #ARGV >= first and nowMillis() or 0
  local unparked = 0
  for i = first, #ARGV, 3 do
    local id = ARGV[i]
    local job = prefix .. id
    local token = ARGV[i + 1]
    local fields = readRecord(job, 's', 'k', 'p') or {}
    if fields[1] == 'a' and fields[2] == token then
      if ARGV[i + 2] ~= '' then
        redis.call('HSET', job, 's', 'd', 'r', ARGV[i + 2], 't', string.match(fields[3] or '', '^[^\n]*'), 'e', now)
        redis.call('HDEL', job, 'p', 'f')
        redis.call('EXPIRE', job, ttl)
        kept[#kept + 1] = id
      else
        redis.call('DEL', job)
      end
      done[#done + 1] = id
      results[#done] = ARGV[i + 2]
      out[#out + 1] = 1
      if keyed and releaseKey(string.sub(prefix, 1, -5), id, fields[3], true, quiet) then unparked = unparked + 1 end
    elseif fields[1] == 'd' and fields[2] == token then
      out[#out + 1] = 2
    else
      out[#out + 1] = -1
    end
  end
  countMinute(prefix, 'p', #done, now)
  for i = 1, #done, 1000 do
    redis.call('ZREM', active, unpack(done, i, math.min(i + 999, #done)))
  end
  notifyAwaiters(prefix, done, function(j)
    if results[j] ~= '' then return done[j] .. '\nd\n' .. results[j] end
    return done[j] .. '\nm'
  end)
  -- kept results are counted and listed through "<Q>:done", scored by their record's expiry
  if ttl > 0 and #kept > 0 then
    local expiresAt = now + ttl * 1000
    local doneKey = string.sub(prefix, 1, -5) .. 'done'
    for i = 1, #kept, 1000 do
      local batch = {}
      for j = i, math.min(i + 999, #kept) do
        batch[#batch + 1] = expiresAt
        batch[#batch + 1] = kept[j]
      end
      redis.call('ZADD', doneKey, unpack(batch))
    end
    redis.call('EXPIRE', doneKey, ttl) -- gone with the last kept record of an idle queue
  end
  return unparked
end
