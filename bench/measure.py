#!/usr/bin/env python3
"""Times a command as a whole process, several runs, and reports the median wall time and the
median peak RSS (the child's ru_maxrss, as /usr/bin/time -v reports it), as one JSON object.

    measure.py [--runs R] [--warmup W] [--prepare CMD] [--expect-exit N] -- CMD...

CMD runs without a shell, stdout to /dev/null, stderr kept for the report when the exit status
is not the expected one (then measure.py exits 1). --prepare runs through `bash -c` before every
run, warm-ups included, and is not timed.

Peak RSS comes from the warm-up runs, which run under /usr/bin/time (package `time`): a
process's peak RSS counts the memory of the process it was forked from, up to its exec, so a
command started straight from Python never shows less than Python's 15 MB, while time(1) is
small and reports its child's figure (%M), as `time -v` does. The timed runs start the command
directly, since time(1) adds about 5 ms. With --warmup 0 the timed runs go through time(1).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


TIME = "/usr/bin/time"


def run_once(cmd, prepare, expect, with_rss):
    if prepare:
        subprocess.run(["bash", "-c", prepare], check=True, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as rss:
        wrapper = [TIME, "-f", "%M", "-o", rss.name] if with_rss else []
        start = time.perf_counter()
        child = subprocess.Popen(wrapper + cmd,
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != expect:
            err.seek(0)
            sys.stderr.write(f"measure.py: {' '.join(cmd)} exited {child.returncode} "
                             f"(expected {expect}):\n{err.read().decode(errors='replace')[-4000:]}\n")
            sys.exit(1)
        peak = int(rss.read().split()[-1]) * 1024 if with_rss else None
    # CPU: the command's user + system time (with time(1), its own CPU too: under a millisecond).
    return elapsed, peak, usage.ru_utime + usage.ru_stime


# Where the repository sits: paths beside it (the repository, ../shared) are recorded relative
# to it, so that results name no directory of the machine they ran on.
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def shown_path(arg):
    if os.path.isabs(arg) and arg.startswith(os.path.dirname(REPO) + os.sep):
        return os.path.relpath(arg, REPO)
    return arg


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--prepare")
    ap.add_argument("--expect-exit", type=int, default=0)
    ap.add_argument("cmd", nargs="+")
    args = ap.parse_args(argv)
    if not os.access(TIME, os.X_OK):
        sys.exit(f"measure.py: {TIME} is needed (apt-get install time)")
    warm = [run_once(args.cmd, args.prepare, args.expect_exit, True) for _ in range(args.warmup)]
    samples = [run_once(args.cmd, args.prepare, args.expect_exit, not warm)
               for _ in range(args.runs)]
    times = [s[0] for s in samples]
    peaks = [s[1] for s in (warm or samples)]
    print(json.dumps({
        "command": [shown_path(arg) for arg in args.cmd],
        "runs": args.runs,
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
        "times_s": times,
        "peak_rss_bytes": int(statistics.median(peaks)),
        "peak_rss_from": "warm-up runs" if warm else "timed runs, under time(1)",
        "cpu_s": statistics.median(s[2] for s in samples),  # user + system of the process
    }))


if __name__ == "__main__":
    main(sys.argv[1:])
