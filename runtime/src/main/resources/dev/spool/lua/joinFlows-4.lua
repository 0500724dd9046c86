--[[
  Delivers the outcomes of finished jobs to the waiting jobs of ONE queue (the target queue).
  Idempotent: an input is recorded once per index (HSETNX), and a job is released or failed only
  while its state is "w", so delivering the same outcome again changes nothing.

  Success: the input is stored as field <index> of "<Q>:join:<id>" (each input its own field; no
  shared record is rewritten). A job that waits for many inputs (128 or more) also gets a field
  "_" with a 65-byte value in its join hash: it keeps the hash in Redis' hashtable encoding, where
  adding an input costs O(1), instead of a listpack, where it costs O(inputs). When all inputs are there, the job is released exactly once: its
  payload (header + arguments built from the inputs and the bound arguments) goes into wait, its
  id into ready, and its waiting record and join hash are deleted.
  A job that is still waiting after this call has its record's TTL extended to at least the dead
  TTL (a waiting record expires only if no input arrives for that long), and its join hash gets
  the same TTL as its record, so neither outlives the other.
  Failure: the waiting job fails at once with the given failure (it is not put in the dead set:
  retrying it could not help), its join hash is deleted, and its record expires after the dead
  TTL. The caller passes the failure on to the job's own continuations (returned header).
  An onFailure handler (mode "e") waits for every other job of its workflow the other way round:
  the first failure releases it, exactly once, with that failure record as its first argument;
  when all its inputs succeeded instead, it is not needed: its record is marked cancelled (state
  "x", failure class dev.spool.NotNeeded) and expires after the dead TTL.

  KEYS[1] wait    hash
  KEYS[2] ready   list
  KEYS[3] signal  list
  KEYS[4] flows   zset   the target queue's outbox: entries of finished jobs of this same queue
                         are removed here, in the same call as their delivery

  ARGV[1] job key prefix ("<Q>:job:")
  ARGV[2] join key prefix ("<Q>:join:")
  ARGV[3] dead TTL (seconds): of failed jobs, and the least TTL of a job still waiting
  ARGV[4] signal cap
  ARGV[5] largest packed payload allowed for a released job (bytes)
  ARGV[6..] quintuples: target id, input index, "d" (succeeded) or "f" (failed), result JSON or
            failure JSON, and the delivered job's entry in KEYS[4] to remove ("" when the
            delivered job is of another queue: the caller removes its entry afterwards)

  Returns a flat array with three entries per quintuple: code, header, failure JSON, where code is
     0 ignored (the job is not waiting: released, failed or gone already)
     1 input recorded, still waiting for others
     2 released: the job is queued now
     3 failed now; header (its payload header, with its own "wf:" lines) and the failure JSON
       are returned so the caller passes the failure on
     4 an onFailure handler whose workflow succeeded: marked not needed
]]
--@include wake
--@include failureRecord
--@include clock
--@include levels
local prefix, joinPrefix = ARGV[1], ARGV[2]
-- the queue's held set (jobs waiting for inputs, scored by their record's expiry; see countJobs-5.lua)
local held = string.sub(prefix, 1, -5) .. 'held'
local deadTtl, cap, maxBytes = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local out = {}
local delivered = {}
local BIG = string.rep('_', 65)

local function fail(job, join, f, failure)
  redis.call('HSET', job, 's', 'f', 'f', failure, 'p', f[3] .. f[4])
  redis.call('HDEL', job, 'ph', 'pa', 'jn', 'jm')
  redis.call('EXPIRE', job, deadTtl)
  redis.call('DEL', join)
  redis.call('ZREM', held, string.sub(job, #prefix + 1))
  out[#out + 1] = 3
  out[#out + 1] = f[3]
  out[#out + 1] = failure
end

-- Extends the TTL of a job that still waits (never shortens it: a delayed workflow's first
-- jobs may run later than the dead TTL) and gives its join hash the same TTL.
local function keepWaiting(job, join)
  local ttl = redis.call('TTL', job)
  if ttl >= 0 and ttl < deadTtl then
    redis.call('EXPIRE', job, deadTtl)
    ttl = deadTtl
  end
  if ttl > 0 then
    redis.call('EXPIRE', join, ttl)
    redis.call('ZADD', held, 'XX', nowMillis() + ttl * 1000, string.sub(job, #prefix + 1))
  end
end

-- Queues a released job: its payload into wait, its id into ready.
local function release(job, join, id, f, args)
  local payload = f[3] .. args
  if #payload > maxBytes then
    f[1] = 'f'
    fail(job, join, f, failureRecord('dev.spool.PayloadTooLarge',
      'the joined inputs make a payload of ' .. #payload .. ' bytes; the limit is ' .. maxBytes, 0))
    return
  end
  f[1] = 'r'
  redis.call('DEL', job, join)
  redis.call('ZREM', held, id)
  redis.call('HSET', KEYS[1], id, payload)
  markLevels(KEYS[2], payload)
  pushOne(KEYS[2], id, payload, false) -- into its priority level's list
  wake(KEYS[3], cap, 1)
  out[#out + 1] = 2
  out[#out + 1] = ''
  out[#out + 1] = ''
end

-- A bound argument list with one argument in front.
local function prepend(first, bound)
  if bound == '[]' then return '[' .. first .. ']' end
  return '[' .. first .. ',' .. string.sub(bound, 2)
end

-- What this call knows about each target: its record's fields (read once per call) and how many
-- inputs its join hash holds, kept up to date by this call's own writes (nothing else runs in
-- between), so a batch of deliveries to one target costs one HSETNX each.
local known = {}
for i = 6, #ARGV, 5 do
  local id, index, outcome, data = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  if ARGV[i + 4] ~= '' then delivered[#delivered + 1] = ARGV[i + 4] end
  local job, join = prefix .. id, joinPrefix .. id
  local k = known[id]
  if not k then
    k = { f = redis.call('HMGET', job, 's', 'jn', 'ph', 'pa', 'jm') }
    known[id] = k
  end
  local f = k.f
  if f[1] ~= 'w' then
    out[#out + 1] = 0
    out[#out + 1] = ''
    out[#out + 1] = ''
  elseif outcome ~= 'd' and f[5] == 'e' then
    release(job, join, id, f, prepend(data, f[4]))
  elseif outcome ~= 'd' then
    fail(job, join, f, data)
    f[1] = 'f'
  else
    local expected = tonumber(f[2])
    if not k.count then
      local extra = 0
      if expected >= 128 then
        redis.call('HSETNX', join, '_', BIG)
        extra = 1
      end
      k.count = redis.call('HLEN', join) - extra
    end
    k.count = k.count + redis.call('HSETNX', join, index, data)
    if k.count < expected then
      if not k.kept then
        keepWaiting(job, join)
        k.kept = true
      end
      out[#out + 1] = 1
      out[#out + 1] = ''
      out[#out + 1] = ''
    elseif f[5] == 'e' then
      f[1] = 'x'
      redis.call('HSET', job, 's', 'x', 'f', failureRecord('dev.spool.NotNeeded',
        'the workflow succeeded, so its onFailure handler did not run', 0), 'p', f[3] .. f[4])
      redis.call('HDEL', job, 'ph', 'pa', 'jn', 'jm')
      redis.call('EXPIRE', job, deadTtl)
      redis.call('DEL', join)
      redis.call('ZREM', held, id)
      out[#out + 1] = 4
      out[#out + 1] = ''
      out[#out + 1] = ''
    else
      local bound, mode = f[4], f[5]
      local args
      if mode == 'n' then
        args = bound
      else
        local flat = redis.call('HGETALL', join)
        local inputs = {}
        for k = 1, #flat, 2 do
          local n = tonumber(flat[k])
          if n then inputs[n + 1] = flat[k + 1] end
        end
        local joined = table.concat(inputs, ',', 1, expected)
        if mode == 'l' then joined = '[' .. joined .. ']' end
        args = prepend(joined, bound)
      end
      release(job, join, id, f, args)
    end
  end
end
for i = 1, #delivered, 1000 do
  redis.call('ZREM', KEYS[4], unpack(delivered, i, math.min(i + 999, #delivered)))
end
return out
