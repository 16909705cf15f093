-- POST /v1/tokens/verify with valid grant tokens, taken in turn from 1,000 prepared ones.
local common = dofile("bench/wrk/common.lua")
setup = common.setup
local bodies = {}
for i, token in ipairs(common.data.tokens) do
  bodies[i] = '{"token":"' .. token .. '"}'
end
request = common.rotating_posts("/v1/tokens/verify", common.json_headers(common.data.sandboxKey), bodies)
done = function(summary, latency) common.report(summary, latency) end
