--[[
  Records the results of finished jobs of one queue. Each completion must carry the job's current
  lease token and the job must still be active; a stale token (the lease expired and the job was
  handed to someone else, or it timed out) is rejected and writes nothing.

  KEYS[1] active  zset

  ARGV[1] job key prefix ("<Q>:job:")
  ARGV[2] result TTL (seconds); 0 discards results: a success deletes the job's record
  ARGV[3..] triples: id, lease token, result JSON

  On a keyed queue (see includes/limits.lua) a job that held a concurrency key frees its slot and
  moves one parked job of its key back to ready.

  A wrong-typed active set or "<Q>:limits" is an error reply "SPOOL WRONGTYPE ..." and nothing is
  written.

  Returns an array with one entry per triple: 1 recorded, -1 stale lease token
]]
--@include validate
--@include recordCompletions
local bad = wrongType(KEYS[1], 'zset')
if bad then return bad end
local limits = readLimits(string.sub(ARGV[1], 1, -5))
if limits.err then return limits end
local out = {}
recordCompletions(ARGV[1], KEYS[1], tonumber(ARGV[2]), 3, out, limits.keyed)
return out
