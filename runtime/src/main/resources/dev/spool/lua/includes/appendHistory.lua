--[[
  Shared by failJob-3.lua and recoverLeases-4.lua (spliced in where a script says
  "--@include appendHistory").

  Appends one entry to the job's attempt history (field h, a JSON array, oldest first), keeping
  it under about 8 KB by dropping the oldest entries.
]]
local function appendHistory(job, entry)
  local h = redis.call('HGET', job, 'h')
  if h and #h > 8192 then
    local list = cjson.decode(h)
    while #list > 1 and #h > 6144 do
      table.remove(list, 1)
      h = cjson.encode(list)
    end
  end
  if h and #h > 2 then
    h = string.sub(h, 1, -2) .. ',' .. entry .. ']'
  else
    h = '[' .. entry .. ']'
  end
  redis.call('HSET', job, 'h', h)
end
