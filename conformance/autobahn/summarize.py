#!/usr/bin/env python3
"""Summarize an Autobahn TestSuite server report (its ``index.json``).

Usage:
    summarize.py <index.json | report folder> [--agent NAME]

For each agent in the report (or only NAME) it prints, per top-level section,
how many cases ended in each ``behavior`` and each ``behaviorClose``, and the
summed case durations; then it lists by id every case that is not OK:
first those that fail the run, then those that are only INFORMATIONAL.

Exit status:
    0  every case passed: behavior OK or INFORMATIONAL, and behaviorClose OK
       or INFORMATIONAL;
    1  some case has behavior FAILED, NON-STRICT or UNIMPLEMENTED (or any
       value other than OK/INFORMATIONAL), or a closing behavior that is not
       OK/INFORMATIONAL (WRONG CODE, UNCLEAN, FAILED, ...);
    2  the report could not be read, or holds no cases.

Only the standard library is used, so any Python 3 runs it.
"""

import argparse
import json
import os
import sys

SECTION_NAMES = {
    1: "Framing",
    2: "Pings/Pongs",
    3: "Reserved bits",
    4: "Opcodes",
    5: "Fragmentation",
    6: "UTF-8 handling",
    7: "Close handling",
    8: "(unused)",
    9: "Limits/performance",
    10: "Miscellaneous",
    12: "Compression",
    13: "Compression",
}

# Column order of the two tables; values seen in a report but not listed here
# are appended after these.
BEHAVIORS = ["OK", "NON-STRICT", "INFORMATIONAL", "UNIMPLEMENTED", "FAILED"]
CLOSE_BEHAVIORS = ["OK", "INFORMATIONAL", "WRONG CODE", "UNCLEAN", "FAILED", "FAILED BY CLIENT"]

# Values that do not fail a run.
PASSING = {"OK", "INFORMATIONAL"}


def case_key(case_id):
    """Sort key for ids such as '9.1.10': numerically, part by part."""
    key = []
    for part in case_id.split("."):
        key.append((0, int(part), "") if part.isdigit() else (1, 0, part))
    return tuple(key)


def section_of(case_id):
    head = case_id.split(".", 1)[0]
    return int(head) if head.isdigit() else head


def load_index(location):
    path = os.path.join(location, "index.json") if os.path.isdir(location) else location
    with open(path, encoding="utf-8") as f:
        return path, json.load(f)


def columns(known, seen):
    return known + sorted(v for v in seen if v not in known)


def render_table(title, header, rows):
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows)]
    lines = [title]
    fmt = lambda cells: "  ".join(
        str(c).ljust(w) if i < 2 else str(c).rjust(w) for i, (c, w) in enumerate(zip(cells, widths))
    )
    lines.append(fmt(header))
    lines.append("  ".join("-" * w for w in widths))
    for row in rows[:-1]:
        lines.append(fmt(row))
    lines.append("  ".join("-" * w for w in widths))
    lines.append(fmt(rows[-1]))
    return "\n".join(lines)


def summarize_agent(agent, cases):
    """Print the summary of one agent; return (number of failing cases, number of cases)."""
    by_section = {}
    for case_id, result in cases.items():
        by_section.setdefault(section_of(case_id), []).append(case_id)
    sections = sorted(by_section, key=lambda s: (isinstance(s, str), s))

    behaviors = columns(BEHAVIORS, {r.get("behavior") for r in cases.values()})
    closes = columns(CLOSE_BEHAVIORS, {r.get("behaviorClose") for r in cases.values()})

    def count_rows(field, values):
        rows = []
        totals = [0] * len(values)
        total_cases = 0
        total_ms = 0
        for section in sections:
            ids = by_section[section]
            counts = [sum(1 for i in ids if cases[i].get(field) == v) for v in values]
            ms = sum(int(cases[i].get("duration") or 0) for i in ids)
            totals = [a + b for a, b in zip(totals, counts)]
            total_cases += len(ids)
            total_ms += ms
            rows.append([section, SECTION_NAMES.get(section, ""), len(ids)] + counts + ["%.1f" % (ms / 1000.0)])
        rows.append(["all", "", total_cases] + totals + ["%.1f" % (total_ms / 1000.0)])
        return rows

    print("Agent: %s  (%d cases)" % (agent, len(cases)))
    print()
    print(render_table("behavior, per section:",
                       ["section", "name", "cases"] + behaviors + ["case s"],
                       count_rows("behavior", behaviors)))
    print()
    print(render_table("behaviorClose, per section:",
                       ["section", "name", "cases"] + closes + ["case s"],
                       count_rows("behaviorClose", closes)))
    print()

    failing = []
    informational = []
    for case_id in sorted(cases, key=case_key):
        r = cases[case_id]
        behavior, close = r.get("behavior"), r.get("behaviorClose")
        if behavior == "OK" and close == "OK":
            continue
        line = "  %-10s behavior=%-14s behaviorClose=%-14s remoteCloseCode=%s" % (
            case_id, behavior, close, r.get("remoteCloseCode"))
        if behavior in PASSING and close in PASSING:
            informational.append(line)
        else:
            failing.append(line)

    print("Cases not OK that fail the run (%d):" % len(failing))
    print("\n".join(failing) if failing else "  none")
    print()
    print("Cases INFORMATIONAL only, which do not fail the run (%d):" % len(informational))
    print("\n".join(informational) if informational else "  none")
    print()
    return len(failing), len(cases)


def main(argv):
    parser = argparse.ArgumentParser(description="Summarize an Autobahn server report (index.json).")
    parser.add_argument("report", help="index.json, or the report folder holding it")
    parser.add_argument("--agent", help="summarize only this agent (default: every agent in the report)")
    args = parser.parse_args(argv)

    try:
        path, index = load_index(args.report)
    except (OSError, ValueError) as e:
        print("summarize: cannot read report %s: %s" % (args.report, e), file=sys.stderr)
        return 2

    agents = sorted(index) if args.agent is None else [args.agent]
    total_failing = 0
    total_cases = 0
    for agent in agents:
        cases = index.get(agent)
        if not cases:
            print("summarize: no cases for agent %r in %s" % (agent, path), file=sys.stderr)
            return 2
        failing, count = summarize_agent(agent, cases)
        total_failing += failing
        total_cases += count

    if total_cases == 0:
        print("summarize: %s holds no cases" % path, file=sys.stderr)
        return 2
    verdict = "PASS" if total_failing == 0 else "FAIL"
    print("%s: %d of %d cases fail the run" % (verdict, total_failing, total_cases))
    return 0 if total_failing == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
