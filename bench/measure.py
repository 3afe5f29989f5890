#!/usr/bin/env python3
"""Runs a command and prints "<wall seconds> <peak RSS KiB> <CPU seconds>" of it on stdout.

Wall time is measured around fork/exec/wait; peak RSS is the child's ru_maxrss from wait4 (the
largest resident set of the process or of any descendant it waited for); CPU is user + system
time of the same (what the client itself spent, as opposed to waiting for the server). The command's own
stdout/stderr go to the files given with --stdout/--stderr (default: /dev/null, inherited).
A non-zero exit is reported on stderr and makes this exit with the same status, unless it is one
of the codes given with --ok (diff tools exit 1 or 2 when they find differences).

Usage: measure.py [--stdout FILE] [--stderr FILE] [--ok CODE,...] -- CMD [ARGS...]
"""

import os
import sys
import time


def main() -> int:
    args = sys.argv[1:]
    stdout, stderr, ok = "/dev/null", None, {0}
    while args[:1] in (["--stdout"], ["--stderr"], ["--ok"]):
        if args[0] == "--stdout":
            stdout = args[1]
        elif args[0] == "--stderr":
            stderr = args[1]
        else:
            ok = {0} | {int(c) for c in args[1].split(",") if c}
        args = args[2:]
    if args[:1] == ["--"]:
        args = args[1:]
    if not args:
        sys.exit("usage: measure.py [--stdout FILE] [--stderr FILE] [--ok CODE,...] -- CMD [ARGS...]")
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            fd = os.open(stdout, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(fd, 1)
            if stderr is not None:
                os.dup2(os.open(stderr, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), 2)
            os.execvp(args[0], args)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        print(f"measure.py: {' '.join(args)} exited with {code}", file=sys.stderr)
        return code if code > 0 else 1
    print(f"{wall:.4f} {usage.ru_maxrss} {usage.ru_utime + usage.ru_stime:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
