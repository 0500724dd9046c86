--[[
  Releases a lock, only for the owner that holds it: a late release by an owner whose lease ran
  out never frees a lock somebody else holds now.

  KEYS[1] held   hash {owner, token}

  ARGV[1] owner
  ARGV[2] token

  Returns 1 when released, 0 when the lock was no longer this owner's.
]]
--@include validate
if wrongType(KEYS[1], 'hash') then return 0 end
local held = redis.call('HMGET', KEYS[1], 'owner', 'token')
if held[1] ~= ARGV[1] or held[2] ~= ARGV[2] then return 0 end
redis.call('DEL', KEYS[1])
return 1
