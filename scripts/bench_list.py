"""Latency of filtered, paginated enterprise lists over HTTP (one client, sequential).

usage: python3 scripts/bench_list.py BASE_URL REQUESTS
"""
import json
import sys
import time
import urllib.request

base, n = sys.argv[1], int(sys.argv[2])


def post(query, variables=None, token=None):
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = "Bearer " + token
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    req = urllib.request.Request(base + "/graphql", data=body, headers=headers)
    with urllib.request.urlopen(req) as r:
        out = json.load(r)
    if "errors" in out:
        raise SystemExit(f"GraphQL errors: {out['errors']}")
    return out["data"]


def login(user):
    q = 'mutation($u: String!) { login(input: {username: $u, password: "Bench-Pass-2026"}) { token } }'
    return post(q, {"u": user})["login"]["token"]


SCENARIOS = [
    ("county: industry filter, page 1", "county-admin@330106", {"industry": "JX"}),
    ("county: Chinese substring search", "county-admin@330106", {"search": "机械"}),
    ("county: 4-character search", "county-admin@330106", {"search": "包装有限"}),
    # 25,000 matches across the province, about 0.6 s each: a tenth of the requests.
    ("province: Chinese substring search", "province-admin@330000", {"search": "机械"}, 10),
    ("province: industry filter", "province-admin@330000", {"industry": "WH"}),
    ("province: size band + risk flag", "province-admin@330000", {"sizeBand": "medium", "riskFlag": "dust-explosion"}),
]
QUERY = """query($f: EnterpriseFilter) { enterprises(filter: $f, first: 20) { totalCount
  edges { node { uscc name industry sizeBand tenantCode licences { number } } } } }"""

print(f"{'scenario':40} {'total':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  requests")
for name, user, f, *share in SCENARIOS:
    token = login(user)
    for _ in range(20 // (share[0] if share else 1)):
        post(QUERY, {"f": f}, token)
    times = []
    total = 0
    for _ in range(n // (share[0] if share else 1)):
        t0 = time.perf_counter()
        d = post(QUERY, {"f": f}, token)
        times.append((time.perf_counter() - t0) * 1000)
        total = d["enterprises"]["totalCount"]
    times.sort()
    pct = lambda p: times[min(len(times) - 1, int(p / 100 * len(times)))]
    print(f"{name:40} {total:>8} {pct(50):>8.1f} {pct(95):>8.1f} {pct(99):>8.1f}  {len(times)}")
