--[[
  Writes one entry of a workflow's split context (WorkflowContext.put): the entry belongs to the
  job that wrote it first; that job may write it again (a retry), no other job may. The context
  expires with the workflow's manifest.

  KEYS[1] manifest  string  "N:workflow:<workflow id>" (only its TTL is read)
  KEYS[2] context   hash    entry key -> "<owner job id>\n<value JSON>"

  ARGV[1] the writing job's id
  ARGV[2] entry key
  ARGV[3] value JSON

  Returns 1 written; 0 when the workflow is gone (no manifest: finished and expired, or never
  started), nothing written; or the id of the job that owns the entry, nothing written. A
  context of the wrong type is the error reply "SPOOL WRONGTYPE ..." and nothing is written.
  Safe to run twice: the repeat writes the same value again.
]]
--@include validate
local bad = wrongType(KEYS[2], 'hash')
if bad then return bad end
local ttl = redis.call('PTTL', KEYS[1])
if ttl == -2 then return 0 end
local old = redis.call('HGET', KEYS[2], ARGV[2])
if old then
  local owner = string.match(old, '^[^\n]*')
  if owner ~= ARGV[1] then return owner end
end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[1] .. '\n' .. ARGV[3])
if ttl > 0 then redis.call('PEXPIRE', KEYS[2], ttl) end
return 1
