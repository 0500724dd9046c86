--[[
  Shared by failJob-3.lua and recoverLeases-4.lua (spliced in where a script says
  "--@include appendHistory"). The caller has checked that the job's record is a hash.

  Appends one entry to the job's attempt history (field h, a JSON array, oldest first), keeping
  it under about 8 KB by dropping the oldest entries. A history that is not a JSON array (written
  by hand) is replaced by a new one: it never fails the script.
]]
local function appendHistory(job, entry)
  local h = redis.call('HGET', job, 'h')
  if h then
    local ok, list = pcall(cjson.decode, h)
    if not ok or type(list) ~= 'table' or string.sub(h, 1, 1) ~= '[' then
      h = nil
    elseif #h > 8192 then
      while #list > 1 and #h > 6144 do
        table.remove(list, 1)
        h = cjson.encode(list)
      end
    end
  end
  if h and #h > 2 then
    h = string.sub(h, 1, -2) .. ',' .. entry .. ']'
  else
    h = '[' .. entry .. ']'
  end
  redis.call('HSET', job, 'h', h)
end
