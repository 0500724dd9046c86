--[[
  A worker's heartbeat (as Sidekiq's process set): its description into its own hash with a TTL,
  its id into the namespace's worker set scored by the time of the beat; ids whose last beat is
  older than the TTL are trimmed from the set. A stopping worker removes both.

  KEYS[1] workers  zset   worker id -> time of its last beat (ms, Redis clock)
  KEYS[2] worker   hash   this worker's description ("<ns>:{<ns>}:worker:<id>")

  ARGV[1] worker id
  ARGV[2] TTL (seconds) of the description; 0 = the worker stops (both are removed)
  ARGV[3..] field, value pairs of the description (host, pid, queues, concurrency, in hand, ...)

  Returns the time of the beat (ms).
]]
--@include clock
--@include validate
local bad = wrongType(KEYS[1], 'zset', KEYS[2], 'hash')
if bad then return bad end
local now = nowMillis()
local ttl = tonumber(ARGV[2])
if ttl <= 0 then
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('DEL', KEYS[2])
  return now
end
local fields = { 'beat', now }
for i = 3, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[2], unpack(fields))
redis.call('EXPIRE', KEYS[2], ttl)
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ttl * 1000)
return now
