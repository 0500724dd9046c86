--[[
  Creates a job that waits for inputs: a later chain step, a chord callback, a job that depends on
  other jobs. Its record holds state "w" and its payload in two parts, the header and the
  arguments bound at creation; joinFlows-4.lua adds the inputs and releases it once all arrived.

  KEYS[1] wait    hash   (only checked: the id must be free)
  KEYS[2] job     hash   the job's record ("<Q>:job:<id>")
  KEYS[3] flows   zset   continuation entries of this queue (see enqueueFlowJob-5.lua)

  ARGV[1] id
  ARGV[2] payload header: task, retries, timeout and extension lines, each ending in "\n"
  ARGV[3] the arguments bound at creation, a JSON array ("[]" for none)
  ARGV[4] how many inputs to wait for (at least 1)
  ARGV[5] how inputs become arguments: "s" one argument each, in input order, before the bound
          ones; "l" one list of all inputs in input order, before the bound ones; "n" none;
          "e" an onFailure handler: released by the first failure, with it as the one argument
          before the bound ones (see joinFlows-4.lua)
  ARGV[6] delay before the flows sweeper first looks at the entries (ms)
  ARGV[7] TTL of the record (seconds): how long it waits if no input arrives; joinFlows-4.lua
          extends it with every input, and removes it on release. 0 for none
  ARGV[8..] flows entries of this job (its own continuations)

  Record fields: s = "w", ph header, pa bound arguments, jn inputs expected, jm mode

  Returns  1 created, 3 already created with this header (a client's retry after a lost reply;
           nothing written), -2 a job with this id exists already (nothing written; also when
           its record is not a hash). A wrong-typed wait hash, flows set or held set is an error
           reply "SPOOL WRONGTYPE ..." and nothing is written. Safe to run twice.
]]
--@include validate
local bad = wrongType(KEYS[1], 'hash', KEYS[3], 'zset')
  or wrongType(string.sub(KEYS[2], 1, #KEYS[2] - #ARGV[1] - 4) .. 'held', 'zset')
if bad then return bad end
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then
  return -2
end
if redis.call('EXISTS', KEYS[2]) == 1 then
  local f = readRecord(KEYS[2], 's', 'ph') or {}
  if f[1] == 'w' and f[2] == ARGV[2] then
    return 3
  end
  return -2
end
redis.call('HSET', KEYS[2], 's', 'w', 'ph', ARGV[2], 'pa', ARGV[3], 'jn', ARGV[4], 'jm', ARGV[5])
local ttl = tonumber(ARGV[7])
if ttl and ttl > 0 then
  redis.call('EXPIRE', KEYS[2], ttl)
end
-- the queue's held set: waiting jobs by their record's expiry, so they can be counted and listed
local t0 = redis.call('TIME')
local expiresAt = ttl and ttl > 0 and (tonumber(t0[1]) * 1000 + math.floor(tonumber(t0[2]) / 1000) + ttl * 1000) or '+inf'
redis.call('ZADD', string.sub(KEYS[2], 1, #KEYS[2] - #ARGV[1] - 4) .. 'held', expiresAt, ARGV[1])
if #ARGV >= 8 then
  local t = redis.call('TIME')
  local at = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[6])
  for i = 8, #ARGV do
    redis.call('ZADD', KEYS[3], at, ARGV[i])
  end
end
return 1
