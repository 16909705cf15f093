#!/usr/bin/env python3
"""Prepares the benchmark data through the public API and writes it for the wrk scripts.

Creates three enterprise developers (live, sandbox, and one whose chain the scale run fills), agents, 1,000 grant tokens to verify,
100 parent grants to delegate from, and 101 grants with large budgets to debit (100 to spread the debits over, one for all of
them at once), and two more developers with a SCIM token each (one for the scim-lookup and scim-create scenarios, one for the
SCIM import), and writes target/bench/data.lua. Usage:
    prepare.py <base-url> <admin-key> <out-dir>
"""
import json
import os
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor

BASE, ADMIN_KEY, OUT = sys.argv[1], sys.argv[2], sys.argv[3]


def call(method, path, key, body=None, expect=(200, 201)):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method)
    request.add_header("Authorization", "Bearer " + key)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=60) as response:
        if response.status not in expect:
            raise RuntimeError(f"{method} {path}: {response.status}")
        return json.loads(response.read() or b"{}")


def developer(name, mode):
    created = call("POST", "/v1/admin/developers", ADMIN_KEY, {"name": name, "mode": mode, "plan": "enterprise"})
    return created["developerId"], created["apiKey"]


def agent(key, name, scopes):
    return call("POST", "/v1/agents", key, {"name": name, "scopes": scopes})["agentId"]


def sandbox_grant(key, agent_id, principal):
    return sandbox_exchange(key, agent_id, principal)["grantToken"]


def sandbox_exchange(key, agent_id, principal):
    authorized = call("POST", "/v1/authorize", key, {"agentId": agent_id, "principalId": principal,
                                                     "scopes": ["read", "write"]})
    return call("POST", "/v1/token", key, {"code": authorized["code"], "agentId": agent_id})


def budgeted_grant(key, agent_id, principal):
    grant_id = sandbox_exchange(key, agent_id, principal)["grantId"]
    call("POST", "/v1/budget/allocate", key, {"grantId": grant_id, "initialBudget": "1000000000"})
    return grant_id


def scim_token(key):
    return call("POST", "/v1/scim/tokens", key, {"label": "bench"})["token"]


def lua_string(value):
    return json.dumps(value)  # a JSON string of ASCII characters is a valid Lua string literal


def main():
    live_id, live_key = developer("bench-live", "live")
    sandbox_id, sandbox_key = developer("bench-sandbox", "sandbox")
    scale_audit_id, scale_audit_key = developer("bench-audit-scale", "live")
    scim_id, scim_key = developer("bench-scim", "live")
    scim_import_key = developer("bench-scim-import", "live")[1]
    scim, scim_import = scim_token(scim_key), scim_token(scim_import_key)
    for i in range(20):
        agent(live_key, f"listed-agent-{i}", ["read"])
    flow_agent = agent(sandbox_key, "bench-agent", ["read", "write"])
    sub_agent = agent(sandbox_key, "bench-sub-agent", ["read"])
    with ThreadPoolExecutor(8) as pool:
        tokens = list(pool.map(lambda i: sandbox_grant(sandbox_key, flow_agent, f"verify-user-{i}"), range(1000)))
        parents = list(pool.map(lambda i: sandbox_grant(sandbox_key, flow_agent, f"parent-user-{i}"), range(100)))
        budgeted = list(pool.map(lambda i: budgeted_grant(sandbox_key, flow_agent, f"budget-user-{i}"), range(101)))
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "data.lua"), "w") as out:
        out.write("return {\n")
        out.write(f"  liveKey = {lua_string(live_key)},\n")
        out.write(f"  liveDeveloperId = {lua_string(live_id)},\n")
        out.write(f"  sandboxKey = {lua_string(sandbox_key)},\n")
        out.write(f"  sandboxDeveloperId = {lua_string(sandbox_id)},\n")
        out.write(f"  agentId = {lua_string(flow_agent)},\n")
        out.write(f"  subAgentId = {lua_string(sub_agent)},\n")
        out.write("  tokens = {" + ",".join(lua_string(t) for t in tokens) + "},\n")
        out.write("  parents = {" + ",".join(lua_string(p) for p in parents) + "},\n")
        out.write("  budgetGrants = {" + ",".join(lua_string(g) for g in budgeted[:100]) + "},\n")
        out.write(f"  singleBudgetGrant = {lua_string(budgeted[100])},\n")
        out.write(f"  scimToken = {lua_string(scim)},\n")
        out.write("}\n")
    with open(os.path.join(OUT, "data.json"), "w") as out:
        json.dump({"liveKey": live_key, "liveDeveloperId": live_id, "sandboxKey": sandbox_key,
                   "sandboxDeveloperId": sandbox_id, "agentId": flow_agent,
                   "scaleAuditKey": scale_audit_key, "scaleAuditDeveloperId": scale_audit_id,
                   "scimToken": scim, "scimDeveloperId": scim_id, "scimImportToken": scim_import}, out)


if __name__ == "__main__":
    main()
