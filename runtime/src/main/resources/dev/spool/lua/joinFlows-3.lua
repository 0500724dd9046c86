--[[
  Delivers the outcomes of finished jobs to the waiting jobs of ONE queue (the target queue).
  Idempotent: an input is recorded once per index (HSETNX), and a job is released or failed only
  while its state is "w", so delivering the same outcome again changes nothing.

  Success: the input is stored as field <index> of "<Q>:join:<id>" (each input its own field; no
  shared record is rewritten). When all inputs are there, the job is released exactly once: its
  payload (header + arguments built from the inputs and the bound arguments) goes into wait, its
  id into ready, and its waiting record and join hash are deleted.
  Failure: the waiting job fails at once with the given failure (it is not put in the dead set:
  retrying it could not help), its join hash is deleted, and its record expires after the dead
  TTL. The caller passes the failure on to the job's own continuations (returned header).

  KEYS[1] wait    hash
  KEYS[2] ready   list
  KEYS[3] signal  list

  ARGV[1] job key prefix ("<Q>:job:")
  ARGV[2] join key prefix ("<Q>:join:")
  ARGV[3] dead TTL (seconds)
  ARGV[4] signal cap
  ARGV[5] largest packed payload allowed for a released job (bytes)
  ARGV[6..] quadruples: target id, input index, "d" (succeeded) or "f" (failed), result JSON or
            failure JSON

  Returns a flat array with three entries per quadruple: code, header, failure JSON, where code is
     0 ignored (the job is not waiting: released, failed or gone already)
     1 input recorded, still waiting for others
     2 released: the job is queued now
     3 failed now; header (its payload header, with its own "wf:" lines) and the failure JSON
       are returned so the caller passes the failure on
]]
local prefix, joinPrefix = ARGV[1], ARGV[2]
local deadTtl, cap, maxBytes = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local out = {}

local function fail(job, join, f, failure)
  redis.call('HSET', job, 's', 'f', 'f', failure, 'p', f[3] .. f[4])
  redis.call('HDEL', job, 'ph', 'pa', 'jn', 'jm')
  redis.call('EXPIRE', job, deadTtl)
  redis.call('DEL', join)
  out[#out + 1] = 3
  out[#out + 1] = f[3]
  out[#out + 1] = failure
end

for i = 6, #ARGV, 4 do
  local id, index, outcome, data = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local job, join = prefix .. id, joinPrefix .. id
  local f = redis.call('HMGET', job, 's', 'jn', 'ph', 'pa', 'jm')
  if f[1] ~= 'w' then
    out[#out + 1] = 0
    out[#out + 1] = ''
    out[#out + 1] = ''
  elseif outcome ~= 'd' then
    fail(job, join, f, data)
  else
    redis.call('HSETNX', join, index, data)
    local expected = tonumber(f[2])
    if redis.call('HLEN', join) < expected then
      out[#out + 1] = 1
      out[#out + 1] = ''
      out[#out + 1] = ''
    else
      local bound, mode = f[4], f[5]
      local args
      if mode == 'n' then
        args = bound
      else
        local flat = redis.call('HGETALL', join)
        local inputs = {}
        for k = 1, #flat, 2 do
          inputs[tonumber(flat[k]) + 1] = flat[k + 1]
        end
        local joined = table.concat(inputs, ',', 1, expected)
        if mode == 'l' then joined = '[' .. joined .. ']' end
        if bound == '[]' then
          args = '[' .. joined .. ']'
        else
          args = '[' .. joined .. ',' .. string.sub(bound, 2)
        end
      end
      local payload = f[3] .. args
      if #payload > maxBytes then
        fail(job, join, f, cjson.encode({ c = 'dev.spool.PayloadTooLarge',
          m = 'the joined inputs make a payload of ' .. #payload .. ' bytes; the limit is ' .. maxBytes,
          s = '', n = 0 }))
      else
        redis.call('DEL', job, join)
        redis.call('HSET', KEYS[1], id, payload)
        redis.call('LPUSH', KEYS[2], id)
        if redis.call('LLEN', KEYS[3]) < cap then
          redis.call('LPUSH', KEYS[3], '1')
        end
        out[#out + 1] = 2
        out[#out + 1] = ''
        out[#out + 1] = ''
      end
    end
  end
end
return out
