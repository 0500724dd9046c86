--[[
  Shared by the scripts that finish jobs (spliced in where a script says
  "--@include notifyAwaiters"): completions (recordCompletions) and failures for good
  (failJob-3.lua).

  notifyAwaiters(prefix, ids, message) tells the clients that await some of these jobs: a client
  that awaits a job has its id in the sorted set "<Q>:awaited" (awaitJob-4.lua, scored by when it
  stops waiting); for each such id, message(index of the id) is published on the channel
  "<Q>:finished" and the entry removed. A message is "<id>\n<state>[\n<result JSON>]": state "d"
  with the result (kept results), "m" for a success whose record was discarded, "f" for a failure
  for good (the client reads the failure from the record). When nobody awaits a job of the queue
  the cost is one EXISTS per call. An awaited key of the wrong type is ignored (the clients fall
  back to reading the status), and so are a refused ZMSCORE or PUBLISH (a user without them in its
ACL rule): never an error after the script's writes.
]]
local function notifyAwaiters(prefix, ids, message)
  if #ids == 0 then return end
  local base = string.sub(prefix, 1, -5)
  local awaited = base .. 'awaited'
  if redis.call('EXISTS', awaited) == 0 then return end
  for i = 1, #ids, 500 do
    local last = math.min(i + 499, #ids)
    local scores = redis.pcall('ZMSCORE', awaited, unpack(ids, i, last))
    if scores.err then return end
    for j = i, last do
      if scores[j - i + 1] then
        redis.call('ZREM', awaited, ids[j])
        redis.pcall('PUBLISH', base .. 'finished', message(j)) -- refused (ACL): the client reads the status
      end
    end
  end
end
