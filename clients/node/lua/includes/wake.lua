--[[
  Shared by every script that makes jobs ready (spliced in where a script says "--@include wake").

  wake(signal, cap, n) pushes up to n wake-up tokens onto a queue's signal list, keeping it at
  most cap long: each token ends one idle worker's blocking wait. Extra tokens only cost an idle
  worker one empty fetch.
]]
local function wake(signal, cap, n)
  local tokens = math.min(n, cap - redis.call('LLEN', signal))
  for _ = 1, tokens do
    redis.call('LPUSH', signal, '1')
  end
end
