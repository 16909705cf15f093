-- POST /v1/tokens/verify with valid grant tokens, taken in turn from 1,000 prepared ones.
local common = dofile("bench/wrk/common.lua")
setup = common.setup
local headers = common.json_headers(common.data.sandboxKey)
local bodies = {}
for i, token in ipairs(common.data.tokens) do
  bodies[i] = '{"token":"' .. token .. '"}'
end
local next_index = 0

function init()
  next_index = math.random(#bodies) - 1
end

function request()
  next_index = next_index % #bodies + 1
  return wrk.format("POST", "/v1/tokens/verify", headers, bodies[next_index])
end

done = function(summary, latency) common.report(summary, latency) end
