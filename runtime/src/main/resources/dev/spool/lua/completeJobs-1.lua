--[[
  Records the results of finished jobs of one queue. Each completion must carry the job's current
  lease token and the job must still be active; a stale token (the lease expired and the job was
  handed to someone else, or it timed out) is rejected and writes nothing.

  KEYS[1] active  zset

  ARGV[1] job key prefix ("<Q>:job:")
  ARGV[2] result TTL (seconds); 0 discards results: a success deletes the job's record
  ARGV[3..] triples: id, lease token, result JSON

  Returns an array with one entry per triple: 1 recorded, -1 stale lease token
]]
local prefix = ARGV[1]
local ttl = tonumber(ARGV[2])
local out = {}
local done = {}
for i = 3, #ARGV, 3 do
  local id = ARGV[i]
  local job = prefix .. id
  local fields = redis.call('HMGET', job, 's', 'k')
  if fields[1] == 'a' and fields[2] == ARGV[i + 1] then
    if ttl > 0 then
      redis.call('HSET', job, 's', 'd', 'r', ARGV[i + 2])
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
  redis.call('ZREM', KEYS[1], unpack(done, i, math.min(i + 999, #done)))
end
return out
