#!/usr/bin/env python3
"""Generates a G4C-style feed (g4c-feed.md) of N items, streamed to a file, for the
memory and speed tests of the feed import (tests/http/test_feed.py, bench/feed.sh).

usage: feedgen.py OUT N [SOURCE] [SEQUENCE] [--rows ROWS.tsv]
  --rows also writes the petitions' public columns as tab-separated rows, for the
  LOAD DATA / multi-row INSERT comparison in bench/feed.sh.
"""
import sys

DEPTS = [("pocheon", "common"), ("gwangmyeong", "autonomy")]
KINDS = ["simple-inquiry", "legal-inquiry", "complaint", "suggestion", "general", "grievance"]
CHANNELS = ["internet", "mail", "fax", "visit", "phone"]


def item(i, source):
    city, dept = DEPTS[i % 2]
    kind, channel = KINDS[i % len(KINDS)], CHANNELS[i % len(CHANNELS)]
    day, sec = 1 + i % 28, i % 86400
    at = "2026-10-%02dT%02d:%02d:%02d+09:00" % (day, sec // 3600, sec // 60 % 60, sec % 60)
    title = "민원 제목 %d: 도로 보수 요청" % i
    body = ("%d번 민원 본문입니다. 마을 앞 도로가 파손되어 통행이 불편하니 보수를 요청합니다. " % i) * 3
    events = ""
    if i % 3 == 0:
        events = '<events><event type="forwarded" at="%s" officer="담당자 %d"/></events>' % (at, i % 50)
    xml = ("<petition><receipt-no>%s-%08d</receipt-no><kind>%s</kind><channel>%s</channel>"
           "<received-at>%s</received-at><department city=\"%s\" code=\"%s\">부서</department>"
           "<applicant><name>신청인%d</name><address>경기도 %s시 테스트로 %d</address>"
           "<phone>010-0000-%04d</phone><sms-consent>%s</sms-consent></applicant>"
           "<title>%s</title><body>%s</body>%s</petition>\n"
           % (source.upper(), i, kind, channel, at, city, dept, i, city, i % 1000, i % 10000,
              "true" if i % 2 else "false", title, body, events))
    row = (source, "%s-%08d" % (source.upper(), i), city, dept, kind, channel, at[:19].replace("T", " "),
           title, body)
    return xml, row


def generate(path, n, source="gen", sequence=1, rows_path=None):
    rows = open(rows_path, "w", encoding="utf-8") if rows_path else None
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<petitions xmlns="urn:x-g4c:petition-feed:1" '
                'source="%s" generated="2026-11-23T09:00:00+09:00" sequence="%d">\n' % (source, sequence))
        for i in range(n):
            xml, row = item(i, source)
            f.write(xml)
            if rows:
                rows.write("\t".join(row) + "\n")
        f.write("</petitions>\n")
    if rows:
        rows.close()


if __name__ == "__main__":
    a = [x for x in sys.argv[1:]]
    rows_path = None
    if "--rows" in a:
        k = a.index("--rows")
        rows_path = a[k + 1]
        del a[k:k + 2]
    if len(a) < 2:
        sys.exit(__doc__)
    generate(a[0], int(a[1]), a[2] if len(a) > 2 else "gen", int(a[3]) if len(a) > 3 else 1, rows_path)
