--[[
  Deletes a job that failed for good: its dead-set entry and its record.

  KEYS[1] dead    zset
  KEYS[2] job     hash   the job's record ("<Q>:job:<id>")

  ARGV[1] id

  Returns 1 deleted, 0 not in the dead set (also when a repeat finds it deleted already)
  A wrong-typed dead set is an error reply "SPOOL WRONGTYPE ..." and nothing is written; a record
  of any type is deleted.
]]
--@include validate
local bad = wrongType(KEYS[1], 'zset')
if bad then return bad end
if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('DEL', KEYS[2])
return 1
