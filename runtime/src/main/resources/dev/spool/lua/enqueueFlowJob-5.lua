--[[
  Enqueues one runnable job of a workflow (a chain's first step, a chord member, a released
  job's parents are not created here) together with its continuation entries in the queue's
  flows set, atomically. Otherwise the same as enqueueJob-4.lua.

  KEYS[1] wait    hash   id -> packed payload (carrying one "wf:" line per continuation)
  KEYS[2] ready   list
  KEYS[3] due     zset
  KEYS[4] signal  list
  KEYS[5] flows   zset   "<id>|<target queue>|<target id>|<input index>" -> next check (ms)

  ARGV[1] id
  ARGV[2] packed payload
  ARGV[3] when: "0" = now; "+<ms>" = delay from Redis' now; "@<ms>" = absolute epoch ms
  ARGV[4] signal cap
  ARGV[5] delay before the flows sweeper first looks at the entries (ms)
  ARGV[6..] flows entries of this job

  Returns  1 queued, 2 scheduled, 3 already written with this payload (a client's retry after a
           lost reply, also once a worker fetched or ran the job: see claimId; nothing written),
           -2 a job with this id exists already (nothing written)
  A key of the queue with the wrong Redis type is an error reply "SPOOL WRONGTYPE ..." and
  nothing is written. Safe to run twice with the same arguments.
]]
--@include clock
--@include validate
--@include claimId
--@include placeJob
local bad = wrongType(KEYS[1], 'hash', KEYS[2], 'list', KEYS[3], 'zset', KEYS[4], 'list', KEYS[5], 'zset')
if bad then return bad end
local claimed = claimId(KEYS[1], ARGV[1], ARGV[2])
if claimed then return claimed end
local now = nowMillis()
for i = 6, #ARGV do
  redis.call('ZADD', KEYS[5], now + tonumber(ARGV[5]), ARGV[i])
end
return placeJob(ARGV[1], KEYS[2], KEYS[3], KEYS[4], tonumber(ARGV[4]), dueTime(ARGV[3], now), ARGV[2])
