-- GET /.well-known/jwks.json
local common = dofile("bench/wrk/common.lua")
wrk.path = "/.well-known/jwks.json"
setup = common.setup
done = function(summary, latency) common.report(summary, latency) end
