-- POST /v1/grants/delegate from 100 prepared parent grants in turn, to one sub-agent.
local common = dofile("bench/wrk/common.lua")
setup = common.setup
local headers = common.json_headers(common.data.sandboxKey)
local bodies = {}
for i, parent in ipairs(common.data.parents) do
  bodies[i] = '{"parentGrantToken":"' .. parent .. '","subAgentId":"' .. common.data.subAgentId
    .. '","scopes":["read"],"expiresIn":"1h"}'
end
local next_index = 0

function init()
  next_index = math.random(#bodies) - 1
end

function request()
  next_index = next_index % #bodies + 1
  return wrk.format("POST", "/v1/grants/delegate", headers, bodies[next_index])
end

done = function(summary, latency) common.report(summary, latency) end
