#!/usr/bin/env python3
"""Prints the benchmark table (Markdown) from what bench/run recorded in the given directory."""
import json
import os
import statistics
import sys

OUT = sys.argv[1]

# scenario -> (label, unit, target per second, p99 target in ms or None)
TARGETS = {
    "jwks": ("GET /.well-known/jwks.json", "req/s", 12_000, None),
    "verify": ("POST /v1/tokens/verify (valid tokens)", "req/s", 6_000, 20.0),
    "flow": ("sandbox authorize → token", "flows/s", 500, None),
    "flow-events": ("the flow, events to 1 webhook + SSE + WebSocket (other node)", "flows/s", None, None),
    "flow-deliveries": ("the flow, events to 10 webhooks + SSE + WebSocket", "flows/s", None, None),
    "audit": ("POST /v1/audit/log, one developer", "entries/s", 3_000, None),
    "delegate": ("POST /v1/grants/delegate", "req/s", 500, None),
    "agents": ("GET /v1/agents (API-key auth)", "req/s", None, None),
    "debit": ("POST /v1/budget/debit over 100 grants", "debits/s", 1_500, None),
    "debit-one": ("POST /v1/budget/debit, all on one grant", "debits/s", 400, None),
    "authorize": ("sandbox POST /v1/authorize", "req/s", None, None),
    "authorize-policies": ("sandbox POST /v1/authorize, 1,000 policies (none matching)", "req/s", None, None),
    "authorize-cedar": ("sandbox POST /v1/authorize, Cedar bundle of 1,000 policies (none holding)", "req/s", None, None),
    "scim-lookup": ('GET /scim/v2/Users?filter=userName eq "…", 100,000 users', "look-ups/s", 2_000, None),
    "scim-create": ("POST /scim/v2/Users (Okta-style user, 100,000+ in the store)", "creates/s", 500, None),
}
RSS_LIMIT_MB = 768


def lines(name):
    path = os.path.join(OUT, name)
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def rate(row):
    """Completed flows, look-ups that found their user, or else successful answers, per second."""
    counted = row["scenario"].startswith("flow") or row["scenario"] == "scim-lookup"
    good = row["units"] if counted else row["requests"] - row["errors"]
    return good / row["seconds"]


def verdict(ok):
    return "✅" if ok else "❌"


results = lines("results.jsonl")
empty = {r["scenario"]: r for r in results if r["phase"] == "empty"}
print("| phase | scenario | throughput | p50 ms | p99 ms | errors | server RSS MB | target | met |")
print("|---|---|---|---|---|---|---|---|---|")
for row in results:
    label, unit, target, p99_target = TARGETS[row["scenario"]]
    value = rate(row)
    goals, met = [], True
    if target:
        goals.append(f"≥ {target:,} {unit}")
        met &= value >= target
    if p99_target:
        goals.append(f"p99 ≤ {p99_target:g} ms")
        met &= row["p99"] <= p99_target
    if row["scenario"] == "flow-events" and "flow" in empty:
        share = value / rate(empty["flow"])
        goals.append(f"≥ 85% of the flow without events ({share:.0%})")
        met &= share >= 0.85
    if row["scenario"] in ("authorize-policies", "authorize-cedar") and "authorize" in empty:
        share = value / rate(empty["authorize"])
        goals.append(f"≥ 80% of authorize without policies ({share:.0%})")
        met &= share >= 0.8
    if row["phase"] == "scale" and row["scenario"] in empty:
        baseline = rate(empty[row["scenario"]])
        share = value / baseline if baseline else 0
        goals.append(f"≥ 90% of empty ({share:.0%})")
        met &= share >= 0.9
    goals.append(f"RSS ≤ {RSS_LIMIT_MB}")
    met &= row["rssMb"] <= RSS_LIMIT_MB
    print(f"| {row['phase']} | {label} | {value:,.0f} {unit} | {row['p50']:.2f} | {row['p99']:.2f} | "
          f"{row['errors']} | {row['rssMb']} | {'; '.join(goals)} | {verdict(met)} |")

print("\nWarm-up before each measured run, throughput per slice (see bench/README.md):")
for row in results:
    print(f"* {row['phase']} {row['scenario']}: {', '.join(f'{r:,}' for r in row.get('warmup', []))}")

for events in lines("events.jsonl"):
    complete = events["sseEvents"] == events["wsEvents"] == events["committed"] \
        and events["distinctDeliveries"] == events["committed"] * events["webhooks"]
    latency_ok = events["sseP99Ms"] <= 200 and events["wsP99Ms"] <= 200
    print(f"\nEvents, {events['name']}: committed {events['committed']:,}; SSE received {events['sseEvents']:,}, "
          f"WebSocket {events['wsEvents']:,}, webhook deliveries {events['distinctDeliveries']:,} distinct of "
          f"{events['deliveries']:,} ({events['webhooks']} webhook(s)) {verdict(complete)}; commit-to-client latency "
          f"on the other node: SSE p50 {events['sseP50Ms']} ms, p99 {events['sseP99Ms']} ms, WebSocket p50 "
          f"{events['wsP50Ms']} ms, p99 {events['wsP99Ms']} ms (target p99 ≤ 200 ms) {verdict(latency_ok)}; "
          f"peak {events['peakDeliveriesPerSecond']:,} deliveries/s"
          + (f" (target ≥ 1,000) {verdict(events['peakDeliveriesPerSecond'] >= 1000)}" if events['webhooks'] > 1 else ""))

for ledger in lines("ledger.jsonl"):
    print(f"\nBudget ledger after the debits: {ledger['allocations']} allocations, {ledger['transactions']:,} "
          f"transactions, {ledger['mismatched']} whose transactions do not sum to initial − remaining, "
          f"{ledger['overspent']} overspent {verdict(ledger['mismatched'] == 0 and ledger['overspent'] == 0)}")

for chain in lines("chains.jsonl"):
    print(f"\nAudit chain {chain['label']}: valid={chain['valid']}, {chain['checkedEntries']:,} entries "
          f"checked in {chain['seconds']} s {verdict(chain['valid'])}")

for export in lines("exports.jsonl"):
    met = export["rowsPerSecond"] >= 50_000 and export["rssMb"] <= RSS_LIMIT_MB
    print(f"\nCompliance {export['label']}: {export['rows']:,} rows in {export['seconds']} s, "
          f"{export['rowsPerSecond']:,} rows/s (target ≥ 50,000), server peak RSS {export['rssMb']} MB "
          f"(target ≤ {RSS_LIMIT_MB}) {verdict(met)}")

for scim in lines("scim-import.jsonl"):
    complete = scim["errors"] == 0 and (scim["storedUsers"], scim["storedGroups"], scim["storedMemberships"]) \
        == (scim["users"], scim["groups"], scim["memberships"])
    print(f"\nSCIM import as Okta sends it, {scim['workers']} connections: {scim['users']:,} users (a look-up by userName, "
          f"then the create) in {scim['userSeconds']} s, then {scim['groups']} groups (a create, then PATCHes adding "
          f"{scim['batch']} members at a time, {scim['memberships']:,} in all) in {scim['groupSeconds']} s: "
          f"{scim['seconds']} s in all, {scim['usersPerSecond']:,} users/s, {scim['requests']:,} requests "
          f"({scim['requestsPerSecond']:,}/s), {scim['errors']} errors; stored afterwards {scim['storedUsers']:,} users, "
          f"{scim['storedGroups']} groups, {scim['storedMemberships']:,} memberships {verdict(complete)}; server peak RSS "
          f"{scim['rssMb']} MB (target ≤ {RSS_LIMIT_MB}) {verdict(scim['rssMb'] <= RSS_LIMIT_MB)}")

jmh_path = os.path.join(OUT, "jmh.json")
if os.path.exists(jmh_path):
    with open(jmh_path) as f:
        scores = {b["benchmark"].rsplit(".", 1)[1]: b["primaryMetric"] for b in json.load(f)}
    project, bare = scores["project"], scores["bareJca"]
    share = project["score"] / bare["score"]
    print(f"\nJMH offline verify: project {project['score']:,.0f} ± {project['scoreError']:,.0f} ops/s, "
          f"bare JCA RS256 {bare['score']:,.0f} ± {bare['scoreError']:,.0f} ops/s: {share:.0%} "
          f"(target ≥ 80%) {verdict(share >= 0.8)}")



def side_by_side(path, what, with_label, without_label, unit, target):
    """Prints alternating slices' ratio: the mean rates, and each slice against the next without."""
    if not os.path.exists(os.path.join(OUT, path)):
        return
    with open(os.path.join(OUT, path)) as f:
        side = json.load(f)
    with_rate, without = statistics.mean(side["with"]), statistics.mean(side["without"])
    share = with_rate / without
    pairs = sorted(w / o for w, o in zip(side["with"], side["without"]))
    print(f"\n{what} side by side on the warmed server, alternating slices: {with_label} {with_rate:,.0f} {unit}, "
          f"{without_label} {without:,.0f} {unit}: {share:.0%} (target ≥ {target:.0%}) {verdict(share >= target)}; "
          f"each slice {with_label} against the next {without_label}: median {statistics.median(pairs):.0%}, "
          f"from {pairs[0]:.0%} to {pairs[-1]:.0%}")


side_by_side("events-side-by-side.json", "The flow", "with events consumed", "without", "flows/s", 0.85)
side_by_side("builtin-side-by-side.json", "Sandbox authorize", "with 1,000 built-in policies", "without", "req/s", 0.8)
side_by_side("cedar-side-by-side.json", "Sandbox authorize", "with the Cedar bundle", "without", "req/s", 0.8)

cedar_path = os.path.join(OUT, "jmh-cedar.json")
if os.path.exists(cedar_path):
    with open(cedar_path) as f:
        decisions = {b["benchmark"].rsplit(".", 1)[1]: b["primaryMetric"] for b in json.load(f)}
    sliced, whole = decisions["sliced"], decisions["whole"]
    p99 = sliced["scorePercentiles"]["99.0"]
    print(f"\nJMH one Cedar decision, bundle of 1,000 policies: as the server evaluates it (sliced by agent) "
          f"p50 {sliced['scorePercentiles']['50.0']:,.1f} µs, p99 {p99:,.1f} µs (target ≤ 1,000 µs) {verdict(p99 <= 1000)}; "
          f"all 1,000 policies evaluated p50 {whole['scorePercentiles']['50.0']:,.1f} µs, "
          f"p99 {whole['scorePercentiles']['99.0']:,.1f} µs")
