#!/usr/bin/env python3
"""Adds or removes the built-in policies of the policy scenario, through the public API.

    policies.py add <base-url> <api-key> <count>     adds <count> policies that match none of the
                                                     scenario's requests, so each request is checked
                                                     against every one of them
    policies.py remove <base-url> <api-key>          removes all of the developer's policies
"""
import datetime
import json
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor

ACTION, BASE, KEY = sys.argv[1], sys.argv[2], sys.argv[3]
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


def main():
    with ThreadPoolExecutor(8) as pool:
        if ACTION == "add":
            list(pool.map(lambda i: call("POST", "/v1/policies", policy(i)), range(int(sys.argv[4]))))
        else:
            ids = [p["id"] for p in call("GET", "/v1/policies")["policies"]]
            list(pool.map(lambda i: call("DELETE", "/v1/policies/" + i), ids))


if __name__ == "__main__":
    main()
