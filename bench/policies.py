#!/usr/bin/env python3
"""Adds or removes the policies of the policy scenarios, through the public API.

    policies.py add <base-url> <api-key> <count>     adds <count> built-in policies that match none
                                                     of the scenario's requests, so each request is
                                                     checked against every one of them
    policies.py remove <base-url> <api-key>          removes all of the developer's policies
    policies.py cedar-text <count> <agent-id> <file> writes a Cedar bundle of <count> policies (also
                                                     read by CedarDecisionBenchmark)
    policies.py cedar-add <base-url> <api-key> <file>  uploads and activates it
    policies.py cedar-remove <base-url> <api-key>    deactivates the developer's Cedar bundle
"""
import base64
import datetime
import json
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor

ACTION = sys.argv[1]
BASE, KEY = (sys.argv[2], sys.argv[3]) if ACTION != "cedar-text" else (None, None)
# Of a Cedar bundle, this many policies name no single agent: each request is evaluated against
# them; the others each name one of many other agents, as per-agent rules do.
CEDAR_EVERY_AGENT = 20
# An hour-long UTC window that starts two hours from now: it does not hold during the run.
_NOW = datetime.datetime.now(datetime.timezone.utc)
WINDOW = tuple((_NOW + datetime.timedelta(hours=h)).strftime("%H:%M") for h in (2, 3))


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method)
    request.add_header("Authorization", "Bearer " + KEY)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"{}")


def policy(i):
    """Three kinds, each failing on a different condition: a deny on other scopes, an allow for
    another principal, and an allow for the request's scope outside the current hour."""
    kind = i % 3
    if kind == 0:
        return {"name": f"deny-{i}", "effect": "deny", "priority": i % 50, "scopes": [f"never:{i}", "admin:all"]}
    if kind == 1:
        return {"name": f"allow-{i}", "effect": "allow", "priority": i % 50, "principalId": f"someone-{i}",
                "scopes": ["read"]}
    return {"name": f"window-{i}", "effect": "allow", "priority": i % 50, "scopes": ["read", "write"],
            "timeOfDayStart": WINDOW[0], "timeOfDayEnd": WINDOW[1]}


def cedar_policy(i):
    """None holds for the scenario's requests (agent_id, principals authorize-user-N, scope read)."""
    if i < CEDAR_EVERY_AGENT:
        return (f'@id("blocked principal {i}")\nforbid(principal, action, resource) '
                f'when {{ context.principalId == "blocked-{i}" && context.scopes.contains("read") }};\n')
    other = f'ag_other_{i:05d}'
    if i % 2:
        return (f'@id("{other} may read")\npermit(principal == Grantex::Agent::"{other}", '
                f'action == Grantex::Action::"authorize", resource) when {{ ["read"].containsAll(context.scopes) }};\n')
    return (f'@id("{other} never pays")\nforbid(principal == Grantex::Agent::"{other}", action, resource) '
            f'when {{ context.scopes.contains("payments:initiate") }};\n')


def main():
    if ACTION == "cedar-text":
        count, agent_id, path = int(sys.argv[2]), sys.argv[3], sys.argv[4]
        policies = [cedar_policy(i) for i in range(count)]
        assert not any(f'"{agent_id}"' in p for p in policies)
        with open(path, "w") as f:
            f.writelines(policies)
        return
    if ACTION == "cedar-add":
        with open(sys.argv[4], "rb") as f:
            content = base64.b64encode(f.read()).decode()
        call("POST", "/v1/policies/sync", {"format": "cedar", "version": datetime.datetime.now().isoformat(),
                                           "content": content})
        return
    if ACTION == "cedar-remove":
        call("DELETE", "/v1/policies/bundles/active?format=cedar")
        return
    with ThreadPoolExecutor(8) as pool:
        if ACTION == "add":
            list(pool.map(lambda i: call("POST", "/v1/policies", policy(i)), range(int(sys.argv[4]))))
        else:
            ids = [p["id"] for p in call("GET", "/v1/policies")["policies"]]
            list(pool.map(lambda i: call("DELETE", "/v1/policies/" + i), ids))


if __name__ == "__main__":
    main()
