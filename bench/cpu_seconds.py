#!/usr/bin/env python3
"""Runs a command once (its output discarded) and prints its CPU seconds (user + system, from
getrusage, to the microsecond) and its wall seconds: `cpu wall`. /usr/bin/time's 10 ms steps are too
coarse for a chart that takes 30 ms. Exits with the command's status.

Usage: python3 bench/cpu_seconds.py COMMAND [ARGS...]
"""
import resource
import subprocess
import sys
import time


def main():
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print("%.6f %.6f" % (cpu, wall))
    sys.exit(status)


if __name__ == "__main__":
    main()
