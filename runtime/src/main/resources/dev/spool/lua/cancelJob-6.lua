--[[
  Cancels one job. A queued or scheduled job is taken off its queue and never runs; a job waiting
  for a workflow's inputs is never released; a running job loses its lease at once (its worker's
  result, failure, renewal or hand-back is refused from now on) and its id goes into the cancels
  set, which workers poll to interrupt the run. Every cancelled job ends in state x with a failure
  record of class dev.spool.Cancelled and expires after the dead TTL. A job that has finished
  already (succeeded, failed, cancelled) is left as it is.

  Removing a queued id from ready (the list of its priority level, includes/levels.lua) is LREM
  from the tail (where the next job to run is), so it costs O(position from the tail); cancelling is an operator's action, not on the hot path.

  KEYS[1] wait     hash   id -> packed payload of jobs that have not run yet
  KEYS[2] ready    list
  KEYS[3] due      zset
  KEYS[4] active   zset
  KEYS[5] job      hash   the job's record ("<Q>:job:<id>")
  KEYS[6] cancels  zset   ids of running jobs cancelled, by time of cancel (ms); entries older
                          than 10 minutes are trimmed here

  ARGV[1] id
  ARGV[2] dead TTL (seconds): how long the cancelled job's record is kept
  ARGV[3] the reason, for the failure record's message
  ARGV[4] held key ("<Q>:held", see countJobs-5.lua)

  Returns {code, state before}: code 1 cancelled before it ran (state before q, s or w), 2 a running
  job was cancelled (state before a), 0 finished already (state before d, f, x or e), -1 no such job
  (state m). A key of the wrong type is an error reply "SPOOL WRONGTYPE ..." and nothing is written.
]]
--@include clock
--@include validate
--@include failureRecord
--@include levels
local bad = wrongType(KEYS[1], 'hash', KEYS[2], 'list', KEYS[3], 'zset', KEYS[4], 'zset', KEYS[5], 'hash',
  KEYS[6], 'zset', ARGV[4], 'zset')
if bad then return bad end
local id = ARGV[1]
local ttl = tonumber(ARGV[2])
local fields = redis.call('HMGET', KEYS[5], 's', 'n', 'p')
local payload = redis.call('HGET', KEYS[1], id)
local state = fields[1]
if payload then
  state = 'q'
  if redis.call('ZSCORE', KEYS[3], id) then state = 's' end
end
if not state then return {-1, 'm'} end
if state == 'd' or state == 'f' or state == 'x' or state == 'e' then return {0, state} end

local attempts = saneCount(fields[2] or '0') or 0
local now = nowMillis()
local function finish()
  redis.call('HSET', KEYS[5], 's', 'x', 'f', failureRecord('dev.spool.Cancelled', ARGV[3], attempts))
  redis.call('EXPIRE', KEYS[5], ttl)
end

if payload then
  redis.call('HDEL', KEYS[1], id)
  redis.call('HSET', KEYS[5], 'p', payload, 'n', 0)
end
if state == 'a' then
  redis.call('ZREM', KEYS[4], id)
  finish()
  redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', now - 600000)
  redis.call('ZADD', KEYS[6], now, id)
  return {2, state}
end
if state == 's' then
  redis.call('ZREM', KEYS[3], id)
elseif state == 'q' then
  redis.call('LREM', levelList(KEYS[2], levelOf(payload or fields[3])), -1, id)
elseif state == 'w' then
  redis.call('ZREM', ARGV[4], id)
end
finish()
return {1, state}
