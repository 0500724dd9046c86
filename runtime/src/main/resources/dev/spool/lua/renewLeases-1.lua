--[[
  Extends the leases of jobs a worker is still running (token-checked).

  KEYS[1] active  zset

  ARGV[1] job key prefix ("<Q>:job:")
  ARGV[2] lease duration (ms) from Redis' now
  ARGV[3..] pairs: id, lease token

  A wrong-typed active set is an error reply "SPOOL WRONGTYPE ..." and nothing is written.

  A lease that has expired already (its score in the active set is in the past, or it is not
  there) is not revived, even under its own token: the lease recovery may be handing the job to
  another worker at this moment. Safe to run twice (a repeat renews from Redis' now again).

  Returns an array with one entry per pair: 1 renewed, -1 lease lost (stale token, or expired)
]]
--@include clock
--@include leaseCheck
local bad = wrongType(KEYS[1], 'zset')
if bad then return bad end
local prefix = ARGV[1]
local now = nowMillis()
local expiry = now + tonumber(ARGV[2])
local out = {}
for i = 3, #ARGV, 2 do
  local leaseEnd = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if leaseEnd and tonumber(leaseEnd) >= now and holdsLease(prefix .. ARGV[i], ARGV[i + 1]) then
    redis.call('ZADD', KEYS[1], 'XX', expiry, ARGV[i])
    out[#out + 1] = 1
  else
    out[#out + 1] = -1
  end
end
return out
