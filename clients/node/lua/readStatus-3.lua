--[[
  Reads where one job is, in one consistent step (read-only).

  KEYS[1] wait    hash
  KEYS[2] due     zset
  KEYS[3] job     hash   the job's record ("<Q>:job:<id>")

  ARGV[1] id

  Returns {state, attempts, result JSON or false, failure JSON or false}; state is
  "s" scheduled, "q" queued, "a" active, "d" succeeded, "f" failed, "m" missing. An attempt
  counter that is not a count (a corrupt record) reads as 0.
]]
--@include validate
--@include jobStatus
return jobStatus(KEYS[1], KEYS[2], KEYS[3], ARGV[1])
