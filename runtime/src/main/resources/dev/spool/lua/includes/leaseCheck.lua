--[[
  Shared by every script that acts on a leased job (spliced in where a script says
  "--@include leaseCheck").

  holdsLease(job, token, ...) reads the record's state, lease token and the extra fields named,
  and returns them as an array {s, k, ...} when the job is active under that same token, else nil.
  A stale token (the lease expired and the job went to another worker, it timed out, or it was
  handed back) writes nothing; so does a record that is not a hash.
]]
--@include validate
local function holdsLease(job, token, ...)
  local fields = readRecord(job, 's', 'k', ...)
  if fields and fields[1] == 'a' and fields[2] == token then
    return fields
  end
  return nil
end
