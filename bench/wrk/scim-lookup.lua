-- GET /scim/v2/Users?filter=userName eq "…" (URL-encoded), as Okta looks a user up, cycling over the
-- 100,000 users bench/scim.sql filled in (fill-000001@bench.example …), each wrk thread from another
-- one. A look-up counts when it finds its user (totalResults 1).
local common = dofile("bench/wrk/common.lua")
local USERS = 100000
local headers = { ["Authorization"] = "Bearer " .. common.data.scimToken, ["Accept"] = "application/scim+json" }
found = 0

setup = function(thread)
  common.setup(thread)
  thread:set("user", math.random(USERS) - 1)
end

function request()
  user = user % USERS + 1
  return wrk.format("GET", string.format("/scim/v2/Users?filter=userName%%20eq%%20%%22fill-%06d%%40bench.example%%22", user),
    headers)
end

function response(status, _, body)
  if status == 200 and body:find('"totalResults"%s*:%s*1%s*,') then
    found = found + 1
  end
end

done = function(summary, latency) common.report(summary, latency, "found") end
