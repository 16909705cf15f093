-- POST /v1/audit/log for one developer (the chain is verified afterwards by bench/run).
local common = dofile("bench/wrk/common.lua")
setup = common.setup
local headers = common.json_headers(os.getenv("BENCH_AUDIT_KEY") or common.data.liveKey)
local n = 0

function request()
  n = n + 1
  return wrk.format("POST", "/v1/audit/log", headers,
    '{"agentId":"ag_bench","agentDid":"did:grantex:ag_bench","grantId":"grnt_bench","principalId":"bench-user",'
    .. '"action":"document.read","metadata":{"n":' .. n .. ',"source":"wrk"}}')
end

done = function(summary, latency) common.report(summary, latency) end
