-- POST /v1/budget/debit of 0.01, every connection against the same grant: the debits queue on its row lock.
local common = dofile("bench/wrk/common.lua")
setup = common.setup
local body = '{"grantId":"' .. common.data.singleBudgetGrant .. '","amount":"0.01"}'
request = common.rotating_posts("/v1/budget/debit", common.json_headers(common.data.sandboxKey), { body })
done = function(summary, latency) common.report(summary, latency) end
