--[[
  Shared by recordCompletions and failJob-3.lua (spliced in where a script says
  "--@include countMinute").

  countMinute(prefix, field, n, now) adds n to field ("p" succeeded, "f" failed attempts) of the
  queue's counter for the current minute of Redis' clock, "<Q>:stat:<minute>" (a hash; the minute
  counted from the epoch), and lets it expire two hours later. The prefix is the queue's job key
  prefix "<Q>:job:", so the counter shares the queue's hash tag. Nothing is written for n = 0.
]]
--@include clock
local function countMinute(prefix, field, n, now)
  if n <= 0 then return end
  local key = string.sub(prefix, 1, -5) .. 'stat:' .. math.floor((now or nowMillis()) / 60000)
  redis.call('HINCRBY', key, field, n)
  redis.call('EXPIRE', key, 7200)
end
