-- GET /v1/agents with a developer API key: authentication on the hot path.
local common = dofile("bench/wrk/common.lua")
wrk.path = "/v1/agents"
wrk.headers["Authorization"] = "Bearer " .. common.data.liveKey
setup = common.setup
done = function(summary, latency) common.report(summary, latency) end
