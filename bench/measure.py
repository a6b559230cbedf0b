#!/usr/bin/env python3
"""Times a command as a whole process, several runs, and reports the median wall time and the
median peak RSS (the child's ru_maxrss, as /usr/bin/time -v reports it), as one JSON object.

    measure.py [--runs R] [--warmup W] [--prepare CMD] [--expect-exit N] -- CMD...

CMD runs directly (no shell), stdout to /dev/null, stderr kept for the report when the exit
status is not the expected one (then measure.py exits 1). --prepare runs through `bash -c`
before every run, warm-ups included, and is not timed.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def run_once(cmd, prepare, expect):
    if prepare:
        subprocess.run(["bash", "-c", prepare], check=True, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != expect:
            err.seek(0)
            sys.stderr.write(f"measure.py: {' '.join(cmd)} exited {child.returncode} "
                             f"(expected {expect}):\n{err.read().decode(errors='replace')[-4000:]}\n")
            sys.exit(1)
    return elapsed, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--prepare")
    ap.add_argument("--expect-exit", type=int, default=0)
    ap.add_argument("cmd", nargs="+")
    args = ap.parse_args(argv)
    for _ in range(args.warmup):
        run_once(args.cmd, args.prepare, args.expect_exit)
    samples = [run_once(args.cmd, args.prepare, args.expect_exit) for _ in range(args.runs)]
    times = [s[0] for s in samples]
    print(json.dumps({
        "command": args.cmd,
        "runs": args.runs,
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
        "times_s": times,
        "peak_rss_bytes": int(statistics.median(s[1] for s in samples)),
        "cpu_s": statistics.median(s[2] for s in samples),  # user + system of the process
    }))


if __name__ == "__main__":
    main(sys.argv[1:])
