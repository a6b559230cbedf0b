#!/usr/bin/env python3
"""The report of bench/run: reads the machine description and the raw measurements, writes the
results JSON and prints the text table.

    report.py MACHINE_JSON RESULTS_JSONL OUT_JSON
    report.py --table OUT_JSON          (prints the table of an earlier results file)
"""

import json
import os
import re
import sys

TARGET = re.compile(r"^(ratio|rss|ms)<=([0-9.]+)$")


def fmt_time(seconds):
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.2f} s"


def fmt_mb(nbytes):
    return f"{nbytes / 1e6:.1f} MB"


def evaluate(m, by_id):
    """Adds ratio, per-table cost and target verdicts to measurement m."""
    r = m["result"]
    floor = by_id.get(m.get("floor") or "")
    if floor and "result" in floor:
        m["ratio"] = r["median_s"] / floor["result"]["median_s"]
    if m["id"].split("@")[1].isdigit() and m["n"] > 0:  # the schema sizes, not revision counts
        m["per_table_ms"] = r["median_s"] * 1000 / m["n"]
    verdicts = []
    for part in filter(None, m.get("target", "").split(",")):
        kind, limit = TARGET.match(part).groups()
        limit = float(limit)
        if kind == "ratio":
            value, shown = m.get("ratio"), f"<= {limit:g}x floor"
        elif kind == "rss":
            value, shown = r["peak_rss_bytes"] / 1e6, f"<= {limit:g} MB"
        else:
            value, shown = r["median_s"] * 1000, f"<= {limit:g} ms"
        met = value is not None and value <= limit
        verdicts.append({"target": shown, "value": value, "met": met})
    m["verdicts"] = verdicts


def row(m):
    if "unavailable" in m:
        return f"  {m['label']:<42} unavailable: {m['unavailable'][:70]}"
    r = m["result"]
    ratio = f"{m['ratio']:.2f}x" if "ratio" in m else ""
    per = f"{m['per_table_ms']:.3f} ms" if "per_table_ms" in m else ""
    target = "; ".join(f"{v['target']}: {'met' if v['met'] else 'MISSED'}" for v in m["verdicts"])
    busy = " *" if m.get("compilers_running") else ""
    return (f"  {m['label']:<42}{fmt_time(r['median_s']):>11}{fmt_time(r['min_s']):>11}"
            f"{fmt_time(r['max_s']):>11}{fmt_time(r['cpu_s']):>11}{fmt_mb(r['peak_rss_bytes']):>10}"
            f"{ratio:>8}{per:>11}  {target}{busy}").rstrip()


HEADER = (f"  {'measurement':<42}{'median':>11}{'min':>11}{'max':>11}{'CPU':>11}{'peak RSS':>10}"
          f"{'ratio':>8}{'per table':>11}  target")


def table(doc):
    mach = doc["machine"]
    lines = [
        f"{mach['migrate']} ({mach['git']}), {mach['postgresql'].split(' on ')[0]}, "
        f"{mach['nproc']} CPUs ({mach['cpu']}), {mach['memory_bytes'] / 2**30:.1f} GiB, {mach['date']}",
        f"server: {mach['postgresql_settings']}",
        "median, min, max of the timed runs (after a warm-up); CPU = user+system time of the process"
        " itself; ratio = median / the floor's median",
    ]
    ms = doc["measurements"]
    schemas = doc["schemas"]
    startup = [m for m in ms if m["id"].endswith("@startup")]
    if startup:
        lines += ["", "process start-up: the fixed cost under every row", HEADER]
        lines += [row(m) for m in startup]
    for n in sorted({m["n"] for m in ms if m["id"].split("@")[1].isdigit()} | {0}):
        group = [m for m in ms if m["id"].split("@")[1] == (str(n) if n else "empty")]
        if not group:
            continue
        if n:
            s = schemas[str(n)]
            st = s["stats"]
            lines += ["", f"{n} tables (../shared/bench/gen_schema.py): {st['columns']} columns, "
                      f"{st['constraints']} constraints, {st['indexes']} indexes; "
                      f"loaded in {s['load_s']:.1f} s"]
        else:
            lines += ["", "empty database"]
        lines.append(HEADER)
        lines += [row(m) for m in group]
    for variant, title in (("linear", "in a linear chain"), ("branched", "with branches and merges")):
        group = [m for m in ms if m["id"].endswith("@" + variant)]
        if group:
            lines += ["", f"{group[0]['n']} revisions {title} (each adds a column to one table)", HEADER]
            lines += [row(m) for m in group]
    lines += ["", "per table (check): " + ", ".join(
        f"{m['per_table_ms']:.3f} ms at {m['n']}" for m in ms if m["id"].startswith("check@"))]
    checks = sorted((m["n"], m["result"]["median_s"]) for m in ms if m["id"].startswith("check@"))
    if len(checks) >= 2:
        (n0, t0), (n1, t1) = checks[0], checks[-1]
        lines.append(f"marginal cost per table {n0}->{n1}: {(t1 - t0) * 1000 / (n1 - n0):.3f} ms; "
                     f"fixed cost (extrapolated to 0 tables): {(t0 - (t1 - t0) / (n1 - n0) * n0) * 1000:.1f} ms")
    missed = [(m, v) for m in ms for v in m.get("verdicts", []) if not v["met"]]
    total = sum(len(m.get("verdicts", [])) for m in ms)
    lines.append(f"targets: {total - len(missed)} of {total} met" +
                 ("" if not missed else "; missed: " + ", ".join(
                     f"{m['label']} (N={m['n']}) {v['target']}" for m, v in missed)))
    if any(m.get("compilers_running") for m in ms):
        lines.append("* a compiler (cc1plus) was running when this measurement started or ended: it may be disturbed")
    return "\n".join(lines)


REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK_DIR = re.compile(r"/tmp/migrate-bench\.[A-Za-z0-9]+")
SERVER = re.compile(r"postgresql://[^/\s]*@[^/\s]*/")


def portable(value):
    """The results without this machine's paths and ports: commands name <repo>, <work>, <server>."""
    if isinstance(value, str):
        value = value.replace(REPO, "<repo>")
        return SERVER.sub("<server>/", WORK_DIR.sub("<work>", value))
    if isinstance(value, list):
        return [portable(v) for v in value]
    if isinstance(value, dict):
        return {k: portable(v) for k, v in value.items()}
    return value


def main(argv):
    if argv[:1] == ["--portable"]:  # rewrites earlier results files in place
        for path in argv[1:]:
            doc = portable(json.load(open(path)))
            with open(path, "w") as f:
                json.dump(doc, f, indent=1)
                f.write("\n")
        return
    if argv[:1] == ["--table"]:
        print(table(json.load(open(argv[1]))))
        return
    machine_path, results_path, out_path = argv
    machine = json.load(open(machine_path))
    records = [json.loads(l) for l in open(results_path) if l.strip()]
    schemas = {str(r["n"]): {"stats": r["stats"], "load_s": r["load_s"]}
               for r in records if r["id"].startswith("schema@")}
    ms = [r for r in records if not r["id"].startswith("schema@")]
    by_id = {m["id"]: m for m in ms}
    for m in ms:
        if "result" in m:
            evaluate(m, by_id)
    doc = portable({"machine": machine, "schemas": schemas, "measurements": ms})
    with open(out_path, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(table(doc))


if __name__ == "__main__":
    main(sys.argv[1:])
