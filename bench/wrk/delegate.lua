-- POST /v1/grants/delegate from 100 prepared parent grants in turn, to one sub-agent.
local common = dofile("bench/wrk/common.lua")
setup = common.setup
local bodies = {}
for i, parent in ipairs(common.data.parents) do
  bodies[i] = '{"parentGrantToken":"' .. parent .. '","subAgentId":"' .. common.data.subAgentId
    .. '","scopes":["read"],"expiresIn":"1h"}'
end
request = common.rotating_posts("/v1/grants/delegate", common.json_headers(common.data.sandboxKey), bodies)
done = function(summary, latency) common.report(summary, latency) end
