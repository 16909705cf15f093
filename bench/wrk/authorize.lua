-- Sandbox POST /v1/authorize alone (the answer carries the code at once), each request for a new
-- principal; run with and without the developer's 1,000 policies to price their evaluation.
local common = dofile("bench/wrk/common.lua")
setup = common.setup
local headers = common.json_headers(common.data.sandboxKey)
local principal = 0

function init()
  principal = math.random(1, 1000000000)
end

function request()
  principal = principal + 1
  return wrk.format("POST", "/v1/authorize", headers,
    '{"agentId":"' .. common.data.agentId .. '","principalId":"authorize-user-' .. principal .. '","scopes":["read"]}')
end

done = function(summary, latency) common.report(summary, latency) end
