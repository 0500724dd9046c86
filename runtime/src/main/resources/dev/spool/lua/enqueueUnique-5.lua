--[[
  Enqueues one job under a unique key, unless a job that still holds the key exists: then it
  returns that job's id and writes nothing (BullMQ's deduplication, Sidekiq Enterprise's unique
  jobs). Whether the holder still holds the key is read from its state, so a key is free again as
  soon as its job leaves the scope, with no write on the job's own path:

    q  while queued: until a worker starts it (a retry waiting for its backoff counts as queued)
    f  until finished: until it succeeds, fails for good or is cancelled
    p  for a period: until the key's TTL runs out, whatever the job does

  A crashed worker's job is taken back when its lease expires and keeps its key until it ends; a
  job that is dead-lettered after too many expiries frees it.

  KEYS[1] wait    hash   id -> packed payload
  KEYS[2] ready   list
  KEYS[3] due     zset
  KEYS[4] signal  list
  KEYS[5] unique  string the id of the job holding the key

  ARGV[1] id
  ARGV[2] packed payload
  ARGV[3] when: "0" = now; "+<ms>" = delay from Redis' now; "@<ms>" = absolute epoch ms
  ARGV[4] signal cap
  ARGV[5] scope: "q", "f" or "p"
  ARGV[6] TTL of the key (ms): the period for "p", a bound for the others
  ARGV[7] job key prefix ("<Q>:job:")

  A key of the queue with the wrong Redis type is an error reply "SPOOL WRONGTYPE ..." and
  nothing is written.

  Returns {code, id}:  {1, id} queued, {2, id} scheduled (the new job);
                       {3, id} this same call ran already (a repeat after a lost reply);
                       {4, holder} a job holding the key exists: nothing written;
                       {-2, id} the new job's id is taken (nothing written).
]]
--@include validate
--@include placeJob
local bad = wrongType(KEYS[1], 'hash', KEYS[2], 'list', KEYS[3], 'zset', KEYS[4], 'list', KEYS[5], 'string')
if bad then return bad end
local holder = redis.call('GET', KEYS[5])
if holder == ARGV[1] then return {3, holder} end
if holder then
  local scope = ARGV[5]
  local holds = scope == 'p'
  if not holds then
    if redis.call('HEXISTS', KEYS[1], holder) == 1 then
      holds = true
    else
      local state = redis.pcall('HGET', ARGV[7] .. holder, 's')
      if type(state) == 'string' then
        holds = state == 'q' or state == 's' or (scope == 'f' and state == 'a')
      end
    end
  end
  if holds then return {4, holder} end
end
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return {-2, ARGV[1]} end
redis.call('SET', KEYS[5], ARGV[1], 'PX', tonumber(ARGV[6]))
return {placeJob(ARGV[1], KEYS[2], KEYS[3], KEYS[4], tonumber(ARGV[4]), dueTime(ARGV[3], nil), ARGV[2]), ARGV[1]}
