--[[
  Deletes a job that failed for good: its dead-set entry and its record.

  KEYS[1] dead    zset
  KEYS[2] job     hash   the job's record ("<Q>:job:<id>")

  ARGV[1] id

  Returns 1 deleted, 0 not in the dead set
]]
if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('DEL', KEYS[2])
return 1
