--[[
  Shared by every script that puts a job on a queue's runnable lists, takes it off, counts or lists
  them (spliced in where a script says "--@include levels"): priorities inside a queue.

  A job's priority is its payload's line "pr:<level>", a level from -5 to 5 (JobOptions.priority,
  @Task(priority); dev.spool.internal.Payload); a payload without it is at level 0, the default,
  whose ids go to "<Q>:ready" as they always did. Every other level has its own list
  "<Q>:ready:<level>" (pushed left, taken right, like ready), and "<Q>:levels" (sorted set, member
  and score the level) names the levels whose lists may hold ids: a push adds the level, a fetch
  that finds the list empty removes it. All of them start with the queue's base "<Q>:", so they
  share its hash tag.

  The field prio of "<Q>:limits" is "1" once a job with a level other than 0 was enqueued to the
  queue (no TTL, like the rest of that hash): only then does a fetch read "<Q>:levels" (the flag
  comes in the HMGET of "<Q>:limits" it makes anyway), and only then do the scripts that put a job
  back without its payload at hand (promoteDue-3, limits' unpark) read its payload. A queue that
  never had a prioritized job pays nothing.

    levelOf(payload)              the level of a payload, 0 for none
    baseOf(ready)                 "<Q>:" from the key "<Q>:ready"
    levelList(ready, level)       the list of a level: ready itself for 0, else "<Q>:ready:<level>"
    pushLevel(ready, level, ids, front)  LPUSHes ids (RPUSH when front: they run next) to the
                                  level's list, noting the level in "<Q>:levels"
    pushOne(ready, id, payload, front)  pushLevel for one job by its payload
    markLevels(ready, payload)    sets the prio flag when payload has a level other than 0
    levelsUsed(ready)             whether the prio flag is set (one HGET)
    runOrder(ready)               the lists a fetch takes from, in order: the levels above 0 from
                                  the highest, ready, the levels below 0 from the highest; and
                                  their levels (0 for ready)
    payloadOf(ready, id)          a job's payload: in the wait hash before its first run, else in
                                  its record (field p); nil if neither has one
]]
local MIN_LEVEL, MAX_LEVEL = -5, 5 -- JobOptions.MIN_PRIORITY, MAX_PRIORITY

local function levelOf(payload)
  if not payload then return 0 end
  local level = string.match(payload, '\npr:(%-?%d+)\n')
  level = tonumber(level)
  if not level or level < MIN_LEVEL or level > MAX_LEVEL then return 0 end
  return level
end

local function baseOf(ready)
  return string.sub(ready, 1, -6)
end

local function levelList(ready, level)
  if level == 0 then return ready end
  return ready .. ':' .. level
end

local function pushLevel(ready, level, ids, front)
  if #ids == 0 then return end
  local list = levelList(ready, level)
  local cmd = front and 'RPUSH' or 'LPUSH'
  for i = 1, #ids, 1000 do
    redis.call(cmd, list, unpack(ids, i, math.min(i + 999, #ids)))
  end
  if level ~= 0 then redis.call('ZADD', baseOf(ready) .. 'levels', level, level) end
end

local function pushOne(ready, id, payload, front)
  pushLevel(ready, levelOf(payload), {id}, front)
end

local function markLevels(ready, payload)
  if levelOf(payload) ~= 0 then redis.call('HSET', baseOf(ready) .. 'limits', 'prio', '1') end
end

local function levelsUsed(ready)
  local flag = redis.pcall('HGET', baseOf(ready) .. 'limits', 'prio')
  return flag == '1'
end

local function runOrder(ready)
  local order, of, low = {}, {}, {}
  local levels = redis.pcall('ZREVRANGE', baseOf(ready) .. 'levels', 0, -1)
  if levels.err then levels = {} end
  for _, l in ipairs(levels) do
    local level = tonumber(l)
    if level and level > 0 and level <= MAX_LEVEL then
      order[#order + 1] = levelList(ready, level)
      of[#of + 1] = level
    elseif level and level < 0 and level >= MIN_LEVEL then
      low[#low + 1] = level
    end
  end
  order[#order + 1] = ready
  of[#of + 1] = 0
  for _, level in ipairs(low) do
    order[#order + 1] = levelList(ready, level)
    of[#of + 1] = level
  end
  return order, of
end

local function payloadOf(ready, id)
  local base = baseOf(ready)
  local payload = redis.pcall('HGET', base .. 'wait', id)
  if type(payload) == 'string' then return payload end
  payload = redis.pcall('HGET', base .. 'job:' .. id, 'p')
  if type(payload) == 'string' then return payload end
  return nil
end
