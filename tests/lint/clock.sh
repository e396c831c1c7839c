#!/bin/sh
# tests/lint/clock.sh — the program has one clock (src/util/clock.c): no other
# source reads the system's clocks, and no SQL statement asks the server for
# the time (the instant is a bound parameter, DB_US in src/store/db.h).
# Run by `make check`; prints each offending line and fails on any.
top=${srcdir:-$(dirname "$0")/../..}
cd "$top" || exit 99
status=0

# C: wall or monotonic clocks read directly.
c=$(grep -nE '(^|[^-_[:alnum:]])(time|clock_gettime|gettimeofday|ftime|clock)[[:space:]]*\(' \
    --include='*.c' --include='*.h' -r src |
    grep -vE '^src/util/clock\.[ch]:' |
    grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/\*|\*)' || true)
if [ -n "$c" ]; then
    echo "direct clock reads outside src/util/clock.c (use clock_now(), clock_now_us(), clock_mono_ms()):"
    echo "$c"
    status=1
fi

# SQL: the server's idea of now, in the code or the migrations.
s=$(grep -niE '(^|[^_[:alnum:]])(NOW|UTC_TIMESTAMP|CURRENT_TIMESTAMP|CURDATE|CURTIME|CURRENT_DATE|CURRENT_TIME|UTC_DATE|UTC_TIME|SYSDATE|LOCALTIME|LOCALTIMESTAMP|UNIX_TIMESTAMP)[[:space:]]*\([[:space:]]*[0-9]*[[:space:]]*\)|DEFAULT[[:space:]]+CURRENT_TIMESTAMP|ON[[:space:]]+UPDATE[[:space:]]+CURRENT_TIMESTAMP' \
    --include='*.c' --include='*.h' --include='*.sql' -r src schema |
    grep -vE '^src/store/db\.h:[0-9]+:[[:space:]]*\*' || true)
if [ -n "$s" ]; then
    echo "SQL asking the server for the time (bind clock_now_us() as DB_US instead):"
    echo "$s"
    status=1
fi
[ $status -eq 0 ] && echo "one clock: no direct clock read, no SQL NOW()"
exit $status
