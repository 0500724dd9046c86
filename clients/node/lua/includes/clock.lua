--[[
  Shared by every script that reads Redis' clock (spliced in where a script says
  "--@include clock").

  nowMillis() is Redis' current time in ms since the epoch. Every time Spool stores comes from
  Redis' clock, never from a client's, so workers on machines with skewed clocks agree.
]]
local function nowMillis()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
