"""CPU time by process group over a benchmark's measured window, from /proc.

  python3 bench/cpu.py snapshot FILE        records every process's CPU ticks and the machine's
  python3 bench/cpu.py share FILE           prints, as JSON, each group's share of the machine's
                                            CPU time since FILE was recorded (busy = all but idle)

On two cores shared by the load generator, both server nodes, the stream clients, PostgreSQL and
Redis, this says where the time of a scenario went.
"""
import json
import os
import sys

GROUPS = [
    ("nodeB", lambda comm, cmd: "ws-server.jar" in cmd and "grantex-bench-b" in cmd),
    ("server", lambda comm, cmd: "ws-server.jar" in cmd and "grantex-bench" in cmd),
    ("probe", lambda comm, cmd: "EventsProbe" in cmd),
    ("postgres", lambda comm, cmd: comm == "postgres"),
    ("redis", lambda comm, cmd: comm.startswith("redis-server")),
    ("wrk", lambda comm, cmd: comm == "wrk"),
]


def ticks():
    groups = {name: 0 for name, _ in GROUPS}
    groups["other"] = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        used = int(fields[11]) + int(fields[12])  # utime + stime
        name = next((n for n, match in GROUPS if match(comm, cmd)), "other")
        groups[name] += used
    with open("/proc/stat") as f:
        cpu = [int(v) for v in f.readline().split()[1:]]
    groups["_total"] = sum(cpu)
    groups["_idle"] = cpu[3] + cpu[4]
    return groups


def main():
    verb, path = sys.argv[1:3]
    if verb == "snapshot":
        with open(path, "w") as f:
            json.dump(ticks(), f)
        return
    before = json.load(open(path))
    after = ticks()
    total = max(1, after["_total"] - before["_total"])
    share = {name: round(100 * (after[name] - before.get(name, 0)) / total, 1)
             for name in after if not name.startswith("_")}
    share["busy"] = round(100 * (1 - (after["_idle"] - before["_idle"]) / total), 1)
    print(json.dumps(share))


main()
