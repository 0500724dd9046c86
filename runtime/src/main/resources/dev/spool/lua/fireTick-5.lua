--[[
  Fires one tick of a periodic schedule, exactly once however many workers try: only the call that
  still finds the tick it read as the schedule's next one moves it on and enqueues the job.

  KEYS[1] ticks   zset   schedule name -> next tick (ms)
  KEYS[2] wait    hash   id -> packed payload
  KEYS[3] ready   list
  KEYS[4] due     zset
  KEYS[5] signal  list

  ARGV[1] schedule name
  ARGV[2] the tick the caller read (ms)
  ARGV[3] the schedule's next tick after this one (ms)
  ARGV[4] "1" to enqueue the tick's job, "0" to skip it (a missed tick under the SKIP policy)
  ARGV[5] the tick's job id (made from the schedule's name and the tick, so a tick has one id)
  ARGV[6] packed payload
  ARGV[7] signal cap

  A wrong-typed key is an error reply "SPOOL WRONGTYPE ..." and nothing is written.

  Returns  1 fired (the job is ready)
           0 not this caller's: another worker fired the tick, or the schedule changed or went
           3 skipped (the next tick is set, no job)
          -2 the tick's job exists already (the next tick is set)
]]
--@include validate
--@include placeJob
local bad = wrongType(KEYS[1], 'zset', KEYS[2], 'hash', KEYS[3], 'list', KEYS[4], 'zset', KEYS[5], 'list')
if bad then return bad end
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score or tonumber(score) ~= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
if ARGV[4] ~= '1' then return 3 end
if redis.call('HSETNX', KEYS[2], ARGV[5], ARGV[6]) == 0 then return -2 end
return placeJob(ARGV[5], KEYS[3], KEYS[4], KEYS[5], tonumber(ARGV[7]), nil, ARGV[6])
