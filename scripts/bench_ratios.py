#!/usr/bin/env python3
"""Prints side-by-side ratios from a Google Benchmark JSON file.

Benchmarks are paired by name: for every X/ARG measured as both BM_<What>Trie<Rest> and
BM_<What>Linear<Rest> (or any pair listed in PAIRS), the baseline's median time divided
by the candidate's is printed. Ratios, not absolute times, are what stay comparable on a
shared machine.
"""
import json
import re
import sys

# (candidate pattern, baseline replacement, label)
PAIRS = [
    (r"Trie", "Linear", "trie vs linear matcher"),
    (r"Sandboxed", "Bare", "sandboxed vs bare exec (overhead)"),
    (r"Sandboxed", "Bwrap", "sandboxed vs bubblewrap"),
]


def medians(path):
    with open(path) as f:
        data = json.load(f)
    out = {}
    for b in data["benchmarks"]:
        name = b.get("run_name", b["name"])
        agg = b.get("aggregate_name")
        if agg not in (None, "median"):
            continue
        if agg is None and name in out:
            continue
        out[name] = (b["real_time"], b["time_unit"])
    return out


def to_ns(value, unit):
    return value * {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[unit]


def main():
    times = medians(sys.argv[1])
    printed = False
    for pattern, baseline, label in PAIRS:
        for name, (t, unit) in sorted(times.items()):
            if not re.search(pattern, name):
                continue
            base_name = re.sub(pattern, baseline, name, count=1)
            if base_name not in times:
                continue
            bt, bunit = times[base_name]
            cand_ns, base_ns = to_ns(t, unit), to_ns(bt, bunit)
            if label.startswith("sandboxed vs bare"):
                print(f"{label:38s} {name:40s} +{(cand_ns - base_ns) / 1e6:8.3f} ms "
                      f"({cand_ns / 1e6:.3f} ms vs {base_ns / 1e6:.3f} ms)")
            else:
                print(f"{label:38s} {name:40s} {base_ns / cand_ns:8.1f}x "
                      f"({cand_ns:,.0f} ns vs {base_ns:,.0f} ns)")
            printed = True
    if not printed:
        print("no benchmark pairs found")


if __name__ == "__main__":
    main()
