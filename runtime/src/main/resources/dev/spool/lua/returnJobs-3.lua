--[[
  Hands jobs back to their queue at once (a worker shutting down), token-checked. They go to the
  front of ready (of their priority level's list, see includes/levels.lua) and the aborted run
  does not count as an attempt.

  KEYS[1] active  zset
  KEYS[2] ready   list
  KEYS[3] signal  list

  ARGV[1] job key prefix ("<Q>:job:")
  ARGV[2] signal cap
  ARGV[3..] pairs: id, lease token

  Safe to run twice: the returned job keeps the token in field k, so a repeat answers 1 again and
  writes nothing.

  A key with the wrong type is an error reply "SPOOL WRONGTYPE ..." and nothing is written.

  Returns an array with one entry per pair: 1 returned, -1 stale lease token
]]
--@include wake
--@include validate
--@include levels
local bad = wrongType(KEYS[1], 'zset', KEYS[2], 'list', KEYS[3], 'list')
if bad then return bad end
local prefix = ARGV[1]
local out = {}
for i = 3, #ARGV, 2 do
  local id = ARGV[i]
  local job = prefix .. id
  local fields = readRecord(job, 's', 'k', 'n', 'p') or {}
  if fields[1] == 'q' and fields[2] == ARGV[i + 1] then
    out[#out + 1] = 1
  elseif fields[1] == 'a' and fields[2] == ARGV[i + 1] then
    local n = saneCount(fields[3] or '0')
    if n and n > 0 then
      redis.call('HSET', job, 's', 'q', 'n', n - 1)
    else
      redis.call('HSET', job, 's', 'q') -- a corrupt counter stays, for the fetch to dead-letter
    end
    redis.call('ZREM', KEYS[1], id)
    pushOne(KEYS[2], id, fields[4], true) -- to the front of its priority level's list
    wake(KEYS[3], tonumber(ARGV[2]), 1)
    out[#out + 1] = 1
  else
    out[#out + 1] = -1
  end
end
return out
