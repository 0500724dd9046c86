--[[
  Shared by the scripts of a busy worker's exchange (spliced in where a script says
  "--@include numArg").

  numArg(x) is the number x as the string Redis sends a command when a script passes it x:
  Redis 6.2 and 7.0 format a number argument of redis.call with snprintf("%.17g") at every call,
  which costs about half a microsecond per number (glibc's floating-point printing) and adds up to
  several microseconds per job when a timestamp, a TTL or a lease token goes into a per-job
  command. A script formats such a value once per call and passes the string; Redis 7.2+ prints an
  integral number as its digits, which is the same string for every value below 10^17. A whole
  number from 1 to 2^53 (a time in ms, a TTL, a token) is printed as an integer ('%d', the same
  digits as '%.17g' and cheaper); anything else as '%.17g'. Anything but a number (nil, a string)
  is returned as it is, to be passed as before.
]]
local function numArg(x)
  if type(x) ~= 'number' then return x end
  if x >= 1 and x < 9007199254740992 and x == math.floor(x) then return string.format('%d', x) end
  return string.format('%.17g', x)
end
