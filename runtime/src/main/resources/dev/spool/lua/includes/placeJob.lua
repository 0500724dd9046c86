--[[
  Shared by the enqueue scripts (spliced in where a script says "--@include placeJob").

  dueTime(when, now) reads a "when" argument: "0" = now, "+<ms>" = a delay from Redis' now,
  "@<ms>" = an absolute epoch time. It returns the due time in ms, or nil when the job is due
  already. now may be nil; Redis' clock is then read only if it is needed.

  placeJob(id, ready, due, signal, cap, dueAt, payload) puts a job's id on its queue: in the due set
  when it has a due time (returns 2), else in the ready list of its priority level (ready itself at
  the default level, see includes/levels.lua), waking one idle worker through the signal list while
  that holds fewer than cap tokens (returns 1). A payload with a level other than 0 sets the queue's
  prio flag, so that it keeps its level when it becomes due or comes back.
]]
--@include clock
--@include wake
--@include levels
local function dueTime(when, now)
  if when == '0' then return nil end
  if not now then now = nowMillis() end
  local value = tonumber(string.sub(when, 2))
  local dueAt = value
  if string.sub(when, 1, 1) == '+' then dueAt = now + value end
  if dueAt <= now then return nil end
  return dueAt
end

local function placeJob(id, ready, due, signal, cap, dueAt, payload)
  local level = levelOf(payload)
  if level ~= 0 then markLevels(ready, payload) end
  if dueAt then
    redis.call('ZADD', due, dueAt, id)
    return 2
  end
  pushLevel(ready, level, {id}, false)
  wake(signal, cap, 1)
  return 1
end
