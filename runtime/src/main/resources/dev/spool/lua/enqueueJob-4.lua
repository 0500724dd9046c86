--[[
  Enqueues one job: its payload into the wait hash and its id into ready (or into due when it
  must wait), atomically.

  KEYS[1] wait    hash   id -> packed payload
  KEYS[2] ready   list   ids ready to run (LPUSH in, RPOP out)
  KEYS[3] due     zset   id -> due time (ms, Redis clock)
  KEYS[4] signal  list   wake-up tokens for idle workers (capped)

  ARGV[1] id
  ARGV[2] packed payload
  ARGV[3] when: "0" = now; "+<ms>" = delay from Redis' now; "@<ms>" = absolute epoch ms
  ARGV[4] signal cap (max entries kept in the signal list)

  Returns  1 queued (ready)
           2 scheduled (due)
           3 already written with this payload (a repeat after a lost reply, also once a worker
             fetched or ran the job: see claimId; nothing written)
          -2 a job with this id exists already (nothing written)

  A key of the queue with the wrong Redis type is an error reply "SPOOL WRONGTYPE ..." and
  nothing is written. Safe to run twice with the same arguments.
]]
--@include validate
--@include claimId
--@include placeJob
local bad = wrongType(KEYS[1], 'hash', KEYS[2], 'list', KEYS[3], 'zset', KEYS[4], 'list')
if bad then return bad end
local claimed = claimId(KEYS[1], ARGV[1], ARGV[2])
if claimed then return claimed end
return placeJob(ARGV[1], KEYS[2], KEYS[3], KEYS[4], tonumber(ARGV[4]), dueTime(ARGV[3], nil), ARGV[2])
