--[[
  Takes a named lock when nobody holds it, and hands out its fencing token.

  KEYS[1] held   hash {owner, token}; its TTL is the lock's lease
  KEYS[2] fence  counter of the tokens this lock has handed out (no TTL: a token never repeats)

  ARGV[1] owner: a random id of this acquisition
  ARGV[2] lease (ms)

  A wrong-typed key is an error reply "SPOOL WRONGTYPE ..." and nothing is written.

  Returns {1, token} when taken (tokens of one lock strictly increase; a repeat of the call by the
  same owner, after a lost reply, returns the same token), or {0, ms} when another owner holds it:
  ms is what is left of that owner's lease (-1 when the key has no TTL).
]]
--@include validate
local bad = wrongType(KEYS[1], 'hash', KEYS[2], 'string')
if bad then return bad end
local held = redis.call('HMGET', KEYS[1], 'owner', 'token')
if held[1] == ARGV[1] then return {1, tonumber(held[2])} end
if held[1] or held[2] then return {0, redis.call('PTTL', KEYS[1])} end
local token = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'token', token)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return {1, token}
