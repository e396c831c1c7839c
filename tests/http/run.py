#!/usr/bin/env python3
"""Integration tests against a running charter stack.

usage: CHARTER_ENV_DIR=DIR tests/http/run.py BASE_URL [-m MODULE]... [-k SUBSTRING]...

DIR is the directory tests/lib/env.sh started the stack in (it reads DIR/env.vars for the
config file, sockets and binaries). -m runs only the named modules (in the order of MODULES).
Tests run in file order (later ones rely on the uploads of
earlier ones); each prints `ok` or `FAIL`, and the last line is `N passed, N failed`.
-m runs only the modules named (test_feed, ...), in their order below; -k only the tests whose
name holds one of the substrings.
"""
import os
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

# test_worklist reads the whole worklist: it runs before test_feed fills the database
# with its 200,000 generated petitions.
MODULES = ["test_public", "test_upload", "test_survey", "test_ops", "test_worklist",
           "test_feed", "test_board", "test_admin_petitions",
           # engine modules (issue 4): one line each
           "test_events",
           "test_charter_rules",
           "test_sweep",
           # open data modules (issue 5): one line each
           "test_opendata_page",
           "test_stats",
           "test_open311",
           "test_datasets",
           "test_satisfaction",
           # the suite at any date (issue 14); tests/http/clock.sh runs it at other instants
           "test_clock",
           # holiday data (issue 14): one line each
           "test_holidays",
           ]


def main(argv):
    args = argv[1:]
    if not args or args[0].startswith("-"):
        sys.exit(__doc__)
    harness.BASE_URL = args[0].rstrip("/") + "/"
    only = [args[i + 1] for i, a in enumerate(args) if a == "-k" and i + 1 < len(args)]
    mods = [args[i + 1] for i, a in enumerate(args) if a == "-m" and i + 1 < len(args)]
    unknown = [m for m in mods if m not in MODULES]
    if unknown:
        sys.exit("unknown module(s): %s" % " ".join(unknown))
    env_dir = os.environ.get("CHARTER_ENV_DIR")
    if not env_dir:
        sys.exit("CHARTER_ENV_DIR is not set")
    harness.load_env(env_dir)
    for m in MODULES:       # in their order, whichever are selected
        if not mods or m in mods:
            __import__(m)
    passed = failed = 0
    for name, fn in harness.TESTS:
        if only and not any(k in name for k in only):
            continue
        start = time.monotonic()
        try:
            fn()
        except harness.Failure as e:
            failed += 1
            print("FAIL %s: %s" % (name, e), flush=True)
        except Exception:  # a crash of the test itself is a failure too
            failed += 1
            print("FAIL %s: %s" % (name, traceback.format_exc().rstrip().replace("\n", "\n     ")),
                  flush=True)
        else:
            passed += 1
            print("ok   %s (%.2f s)" % (name, time.monotonic() - start), flush=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
