--[[
  Extends the leases of jobs a worker is still running (token-checked).

  KEYS[1] active  zset

  ARGV[1] job key prefix ("<Q>:job:")
  ARGV[2] lease duration (ms) from Redis' now
  ARGV[3..] pairs: id, lease token

  A wrong-typed active set is an error reply "SPOOL WRONGTYPE ..." and nothing is written.

  A renewal that arrives after its lease expired (held in a network outage) still renews it if
  the lease recovery has not taken the job back yet: scripts run one at a time, so the job is
  either still leased under this token (nobody else can have it) or taken back, when the token
  check fails. Safe to run twice (a repeat renews from Redis' now again).

  Returns an array with one entry per pair: 1 renewed, -1 lease lost (stale token)
]]
--@include clock
--@include leaseCheck
local bad = wrongType(KEYS[1], 'zset')
if bad then return bad end
local prefix = ARGV[1]
local expiry = nowMillis() + tonumber(ARGV[2])
local out = {}
for i = 3, #ARGV, 2 do
  if holdsLease(prefix .. ARGV[i], ARGV[i + 1]) then
    redis.call('ZADD', KEYS[1], 'XX', expiry, ARGV[i])
    out[#out + 1] = 1
  else
    out[#out + 1] = -1
  end
end
return out
