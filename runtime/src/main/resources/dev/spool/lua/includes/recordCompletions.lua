--[[
  Shared by completeJobs-1.lua and fetchJobs-4.lua (spliced in where a script says
  "--@include recordCompletions").

  recordCompletions(prefix, active, ttl, first, out) records the results of finished jobs given in
  ARGV as triples (id, lease token, result JSON) from ARGV[first] on. Each is written only if the
  job is still active under that same lease token; a stale token (the lease expired and the job
  was handed to someone else, or it timed out) writes nothing. A recorded job keeps its result
  (r), attempts (n) and task name (t, the payload's first line) and drops its payload. A ttl of 0
  discards results: a success deletes the job's record. Appends 1 (recorded) or -1 (stale token)
  per triple to out.
]]
local function recordCompletions(prefix, active, ttl, first, out)
  local done = {}
  for i = first, #ARGV, 3 do
    local id = ARGV[i]
    local job = prefix .. id
    local fields = redis.call('HMGET', job, 's', 'k', 'p')
    if fields[1] == 'a' and fields[2] == ARGV[i + 1] then
      if ttl > 0 then
        redis.call('HSET', job, 's', 'd', 'r', ARGV[i + 2], 't', string.match(fields[3] or '', '^[^\n]*'))
        redis.call('HDEL', job, 'k', 'p', 'f')
        redis.call('EXPIRE', job, ttl)
      else
        redis.call('DEL', job)
      end
      done[#done + 1] = id
      out[#out + 1] = 1
    else
      out[#out + 1] = -1
    end
  end
  for i = 1, #done, 1000 do
    redis.call('ZREM', active, unpack(done, i, math.min(i + 999, #done)))
  end
end
