--[[
  Writes the progress that running jobs reported (token-checked): field g of each record.

  KEYS[1] active  zset (only checked for its type; the records are built from the prefix)

  ARGV[1] job key prefix ("<Q>:job:")
  ARGV[2..] triples: id, lease token, progress ("<fraction>|<message>")

  A wrong-typed active set is an error reply "SPOOL WRONGTYPE ..." and nothing is written.

  Returns an array with one entry per triple: 1 written, -1 lease lost (stale token, or the job
  was cancelled or finished meanwhile); nothing is written for a lost lease.
]]
--@include leaseCheck
local bad = wrongType(KEYS[1], 'zset')
if bad then return bad end
local prefix = ARGV[1]
local out = {}
for i = 2, #ARGV, 3 do
  if holdsLease(prefix .. ARGV[i], ARGV[i + 1]) then
    redis.call('HSET', prefix .. ARGV[i], 'g', ARGV[i + 2])
    out[#out + 1] = 1
  else
    out[#out + 1] = -1
  end
end
return out
