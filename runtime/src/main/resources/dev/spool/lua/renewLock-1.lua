--[[
  Extends a lock's lease, only for the owner that holds it.

  KEYS[1] held   hash {owner, token}

  ARGV[1] owner
  ARGV[2] token
  ARGV[3] lease (ms) from now

  Returns 1 when renewed, 0 when the lock is no longer this owner's (its lease ran out, and
  perhaps another owner took it since).
]]
--@include validate
if wrongType(KEYS[1], 'hash') then return 0 end
local held = redis.call('HMGET', KEYS[1], 'owner', 'token')
if held[1] ~= ARGV[1] or held[2] ~= ARGV[2] then return 0 end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
return 1
