--[[
  Registers a continuation on a job that exists already (Spool's dependsOn): when the job finishes,
  its outcome goes to the waiting job named in the line. If the job has not been fetched yet, the
  line is added to its payload too, so the worker that runs it delivers at once; otherwise only
  the flows sweeper delivers it. A job that has finished already is not changed; its outcome is
  returned for the caller to deliver.

  KEYS[1] wait    hash
  KEYS[2] job     hash   the job's record ("<Q>:job:<id>")
  KEYS[3] flows   zset

  ARGV[1] id
  ARGV[2] continuation "<target queue>|<target id>|<input index>"
  ARGV[3] delay before the sweeper looks at the entry when the worker will deliver (ms)
  ARGV[4] delay before the sweeper looks at the entry when only it can deliver (ms)

  Returns {"p"} registered (pending), {"d", result JSON} succeeded already,
          {"f", failure JSON, task} failed already, {"m"} no such job (never enqueued or expired)

  Safe to run twice: while the flows entry of this continuation exists, it is registered already
  (a repeat after a lost reply), so the repeat answers {"p"} and writes nothing (the payload does
  not get the line twice).
]]
--@include clock
local id = ARGV[1]
local line = 'wf:' .. ARGV[2] .. '\n'
local entry = id .. '|' .. ARGV[2]
local now = nowMillis()
if redis.call('ZSCORE', KEYS[3], entry) then return {'p'} end

local function withLine(payload)
  local pos = 0
  for _ = 1, 3 do
    pos = string.find(payload, '\n', pos + 1, true)
    if not pos then return payload end
  end
  return string.sub(payload, 1, pos) .. line .. string.sub(payload, pos + 1)
end

local waiting = redis.call('HGET', KEYS[1], id)
if waiting then
  redis.call('HSET', KEYS[1], id, withLine(waiting))
  redis.call('ZADD', KEYS[3], now + tonumber(ARGV[3]), entry)
  return {'p'}
end
local f = redis.call('HMGET', KEYS[2], 's', 'r', 'f', 'p', 'ph')
local s = f[1]
if not s then return {'m'} end
if s == 'd' then return {'d', f[2] or 'null'} end
if s == 'f' then
  local task = ''
  if f[4] then task = string.match(f[4], '^([^\n]*)') or '' end
  return {'f', f[3] or '', task}
end
if s == 'w' then
  redis.call('HSET', KEYS[2], 'ph', f[5] .. line)
  redis.call('ZADD', KEYS[3], now + tonumber(ARGV[3]), entry)
elseif (s == 'q' or s == 's') and f[4] then
  redis.call('HSET', KEYS[2], 'p', withLine(f[4]))
  redis.call('ZADD', KEYS[3], now + tonumber(ARGV[3]), entry)
else
  redis.call('ZADD', KEYS[3], now + tonumber(ARGV[4]), entry)
end
return {'p'}
