-- POST /v1/budget/debit of 0.01, spread over 100 prepared grants with large budgets.
local common = dofile("bench/wrk/common.lua")
setup = common.setup
local bodies = {}
for i, grant in ipairs(common.data.budgetGrants) do
  bodies[i] = '{"grantId":"' .. grant .. '","amount":"0.01"}'
end
request = common.rotating_posts("/v1/budget/debit", common.json_headers(common.data.sandboxKey), bodies)
done = function(summary, latency) common.report(summary, latency) end
