--[[
  Shared by the enqueue scripts (spliced in where a script says "--@include placeJob").

  dueTime(when, now) reads a "when" argument: "0" = now, "+<ms>" = a delay from Redis' now,
  "@<ms>" = an absolute epoch time. It returns the due time in ms, or nil when the job is due
  already. now may be nil; Redis' clock is then read only if it is needed.

  placeJob(id, ready, due, signal, cap, dueAt) puts a job's id on its queue: in the due set when it
  has a due time (returns 2), else in ready, waking one idle worker through the signal list while
  that holds fewer than cap tokens (returns 1).
]]
--@include clock
--@include wake
local function dueTime(when, now)
  if when == '0' then return nil end
  if not now then now = nowMillis() end
  local value = tonumber(string.sub(when, 2))
  local dueAt = value
  if string.sub(when, 1, 1) == '+' then dueAt = now + value end
  if dueAt <= now then return nil end
  return dueAt
end

local function placeJob(id, ready, due, signal, cap, dueAt)
  if dueAt then
    redis.call('ZADD', due, dueAt, id)
    return 2
  end
  redis.call('LPUSH', ready, id)
  wake(signal, cap, 1)
  return 1
end
