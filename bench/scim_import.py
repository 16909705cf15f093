#!/usr/bin/env python3
"""A full SCIM import as Okta runs it, timed: 10,000 users, then 100 groups of 100 of them.

For each user, Okta's sequence: GET /scim/v2/Users?filter=userName eq "…" (expecting none), then POST
/scim/v2/Users. Then for each group its push: POST /scim/v2/Groups without members, then PATCHes that
add its members, BATCH at a time. WORKERS threads run the users, then the groups, each thread on one
kept-alive connection. Afterwards (not timed) it reads back how many users, groups and memberships
the developer has, and prints one JSON line. Usage:
    scim_import.py <base-url> <scim-token>
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

BASE, TOKEN = sys.argv[1], sys.argv[2]
USERS, GROUPS, WORKERS, BATCH = 10_000, 100, 8, 25
MEMBERS = USERS // GROUPS
USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
SERVER = urllib.parse.urlsplit(BASE)
connections = threading.local()
lock = threading.Lock()
counts = {"requests": 0, "errors": 0}


def call(method, path, body=None, expect=200):
    """The answer's JSON, or None (counted as an error) when the status is not the expected one."""
    if not hasattr(connections, "http"):
        connections.http = http.client.HTTPConnection(SERVER.hostname, SERVER.port, timeout=60)
    headers = {"Authorization": "Bearer " + TOKEN, "Accept": "application/scim+json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/scim+json"
    try:
        connections.http.request(method, path, data, headers)
        response = connections.http.getresponse()
    except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
        # The server closed the kept-alive connection before this request: once more on a new one.
        connections.http.close()
        connections.http.request(method, path, data, headers)
        response = connections.http.getresponse()
    answer = response.read()
    with lock:
        counts["requests"] += 1
        if response.status != expect:
            counts["errors"] += 1
            if counts["errors"] <= 5:
                print(f"{method} {path}: {response.status} {answer[:300]!r}", file=sys.stderr)
            return None
    return json.loads(answer)


def user_name(i):
    return f"import-{i:05d}@bench.example"


def import_user(i):
    """Okta's look-up, then the create; the new user's id (None if either failed)."""
    name = user_name(i)
    found = call("GET", "/scim/v2/Users?" + urllib.parse.urlencode(
        {"filter": f'userName eq "{name}"', "startIndex": 1, "count": 100}, quote_via=urllib.parse.quote))
    if found is None or found["totalResults"] != 0:
        return None
    created = call("POST", "/scim/v2/Users", {
        "schemas": [USER_SCHEMA], "userName": name, "externalId": f"00uimport{i:05d}",
        "name": {"givenName": "Import", "familyName": f"User {i}"}, "displayName": f"Import User {i}",
        "emails": [{"primary": True, "value": name, "type": "work"}], "locale": "en-US", "active": True}, 201)
    return None if created is None else created["id"]


def push_group(g, user_ids):
    """Okta's group push: the group, then its members added BATCH at a time."""
    group = call("POST", "/scim/v2/Groups", {"schemas": [GROUP_SCHEMA], "displayName": f"Import Group {g:03d}",
                                             "members": []}, 201)
    if group is None:
        return
    members = [(user_ids[i], user_name(i)) for i in range(g * MEMBERS, (g + 1) * MEMBERS) if user_ids[i]]
    for start in range(0, len(members), BATCH):
        call("PATCH", "/scim/v2/Groups/" + group["id"], {"schemas": [PATCH_SCHEMA], "Operations": [
            {"op": "add", "path": "members",
             "value": [{"value": user_id, "display": name} for user_id, name in members[start:start + BATCH]]}]})


def main():
    started = time.perf_counter()
    with ThreadPoolExecutor(WORKERS) as pool:
        user_ids = list(pool.map(import_user, range(USERS)))
        users_done = time.perf_counter()
        print(f"    users: {USERS:,} in {users_done - started:.1f} s", file=sys.stderr)
        list(pool.map(lambda g: push_group(g, user_ids), range(GROUPS)))
    ended = time.perf_counter()
    seconds, requests, errors = ended - started, counts["requests"], counts["errors"]
    stored_users = call("GET", "/scim/v2/Users?count=0")["totalResults"]
    groups = call("GET", f"/scim/v2/Groups?startIndex=1&count={GROUPS}")
    print(json.dumps({
        "users": USERS, "groups": GROUPS, "memberships": GROUPS * MEMBERS, "workers": WORKERS, "batch": BATCH,
        "requests": requests, "errors": errors, "seconds": round(seconds, 1),
        "userSeconds": round(users_done - started, 1), "groupSeconds": round(ended - users_done, 1),
        "usersPerSecond": round(USERS / seconds), "requestsPerSecond": round(requests / seconds),
        "storedUsers": stored_users, "storedGroups": groups["totalResults"],
        "storedMemberships": sum(len(group.get("members", [])) for group in groups["Resources"])}))


if __name__ == "__main__":
    main()
