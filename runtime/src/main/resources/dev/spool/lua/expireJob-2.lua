--[[
  Discards a job fetched after its start deadline (JobOptions.expiresIn, @Task(expires)), before it
  runs. The worker calls it only for a job whose payload carries an "ex:" line, on its first run;
  Redis' clock decides whether the deadline has passed. An expired job leaves the active set, ends
  in state e with a failure record of class dev.spool.Expired, keeps its payload for inspection and
  expires after the dead TTL. Token-checked: a lost lease writes nothing.

  KEYS[1] active  zset
  KEYS[2] job     hash   the job's record ("<Q>:job:<id>")

  ARGV[1] id
  ARGV[2] lease token
  ARGV[3] the deadline, epoch ms
  ARGV[4] dead TTL (seconds)

  Returns 1 expired (nothing more to do), 0 in time (run it), -1 lease lost (drop the run).
  A key of the wrong type is an error reply "SPOOL WRONGTYPE ..." and nothing is written.
  Safe to run twice: the expiring lease token stays in field k (state e is no lease, so nothing
  accepts it), and a repeat after a lost reply answers 1 again.
]]
--@include clock
--@include leaseCheck
--@include failureRecord
local bad = wrongType(KEYS[1], 'zset', KEYS[2], 'hash')
if bad then return bad end
local f = holdsLease(KEYS[2], ARGV[2], 'n')
if not f then
  local was = readRecord(KEYS[2], 's', 'k')
  if was and was[1] == 'e' and was[2] == ARGV[2] then return 1 end
  return -1
end
local deadline = tonumber(ARGV[3])
local now = nowMillis()
if not deadline or now <= deadline then return 0 end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], 's', 'e', 'f', failureRecord('dev.spool.Expired',
  'not started by its deadline; fetched ' .. (now - deadline) .. ' ms late, so it was not run',
  saneCount(f[3] or '0') or 0))
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[4]))
return 1
