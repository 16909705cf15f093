-- POST /scim/v2/Users: an Okta-style user (userName, externalId, name, displayName, a work email,
-- active), each with a userName never sent before: <run>-<thread>-<n>@bench.example, where run is the
-- second this wrk started (warm-up slices start a slice apart), thread the wrk thread's number and n
-- counts its requests. A userName taken already would be a 409, counted as an error.
local common = dofile("bench/wrk/common.lua")
local headers = common.scim_headers(common.data.scimToken)
local run = os.time()
local started = 0
local n = 0

setup = function(thread)
  common.setup(thread)
  started = started + 1
  thread:set("prefix", "create-" .. run .. "-" .. started)
end

function request()
  n = n + 1
  local name = prefix .. "-" .. n
  return wrk.format("POST", "/scim/v2/Users", headers,
    '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"' .. name .. '@bench.example",'
    .. '"externalId":"' .. name .. '","name":{"givenName":"Bench","familyName":"User ' .. n .. '"},'
    .. '"displayName":"Bench User ' .. n .. '","emails":[{"primary":true,"value":"' .. name .. '@bench.example",'
    .. '"type":"work"}],"active":true}')
end

done = function(summary, latency) common.report(summary, latency) end
