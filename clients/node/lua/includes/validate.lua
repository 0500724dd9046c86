--[[
  Shared by every script that reads or writes a queue's keys (spliced in where a script says
  "--@include validate"). Redis keeps the writes a script made before an error, so a script checks
  what it touches before its first write.

  wrongType(...) takes pairs (key, type) and returns an error reply
  "SPOOL WRONGTYPE <key> is a <found>, not a <type>" for the first key that exists with another
  type, or nil. A script returns that reply at once, before writing anything:
    local bad = wrongType(KEYS[1], 'list', KEYS[2], 'hash') if bad then return bad end

  saneCount(value) is value as an integer when it is one from 0 to 10^9, else nil (a counter
  somebody wrote by hand: negative, huge, fractional or not a number at all).

  readRecord(job, ...) is redis.pcall('HMGET', job, ...): the fields, or nil when the key holds
  something that is not a hash.
]]
local function wrongType(...)
  local n = select('#', ...)
  for i = 1, n, 2 do
    local key, want = select(i, ...)
    local found = redis.call('TYPE', key).ok
    if found ~= 'none' and found ~= want then
      return redis.error_reply('SPOOL WRONGTYPE ' .. key .. ' is a ' .. found .. ', not a ' .. want)
    end
  end
  return nil
end

local function saneCount(value)
  local n = tonumber(value)
  if n and n >= 0 and n <= 1000000000 and n == math.floor(n) then return n end
  return nil
end

local function readRecord(job, ...)
  local fields = redis.pcall('HMGET', job, ...)
  if fields.err then return nil end
  return fields
end
