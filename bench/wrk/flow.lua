-- The sandbox flow: POST /v1/authorize (sandbox answers with the code at once), then POST /v1/token
-- with that code. Each connection alternates; a flow counts when its token exchange answers 201.
local common = dofile("bench/wrk/common.lua")
setup = common.setup
local headers = common.json_headers(common.data.sandboxKey)
local codes = {}
local principal = 0
flows = 0

function init()
  principal = math.random(1, 1000000000)
end

function request()
  local code = table.remove(codes)
  if code then
    return wrk.format("POST", "/v1/token", headers,
      '{"code":"' .. code .. '","agentId":"' .. common.data.agentId .. '"}')
  end
  principal = principal + 1
  return wrk.format("POST", "/v1/authorize", headers,
    '{"agentId":"' .. common.data.agentId .. '","principalId":"flow-user-' .. principal .. '","scopes":["read"]}')
end

function response(status, _, body)
  if status ~= 201 then
    return
  end
  if body:find('"grantToken"', 1, true) then
    flows = flows + 1
  else
    local code = body:match('"code":"([^"]+)"')
    if code then
      table.insert(codes, code)
    end
  end
end

done = function(summary, latency) common.report(summary, latency, "flows") end
