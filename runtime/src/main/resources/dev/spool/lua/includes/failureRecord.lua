--[[
  Shared by the scripts that fail a job for a reason of Spool's own (spliced in where a script
  says "--@include failureRecord").

  failureRecord(class, message, attempts) is the failure record as Java's FailureRecord writes it
  (dev.spool.internal.queue.FailureRecord): {"c": reason class, "m": message, "s": stack trace
  ("" here), "n": attempts}.
]]
local function failureRecord(class, message, attempts)
  return cjson.encode({ c = class, m = message, s = '', n = attempts })
end
