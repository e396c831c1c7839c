#!/usr/bin/env python3
"""seed_text.py - check that a rendered charter page carries its seed's text.

Usage: python3 tests/seed_text.py SEED.txt PAGE.html

Exits 0 iff every sentence unit of the seed appears in the page's visible
text, in the seed's order; otherwise prints the first missing (or
out-of-order) unit and exits 1.  Exit 2 on usage or I/O errors.

A sentence unit is a non-empty line of the seed with its leading list marker
removed (bullets "•" / "-", list numbers "1 " / "1. ", even stacked as in
"1. 1 포천시홈페이지") and table pipes "|" removed (each table cell is a line
of its own in the seed, so it is a unit of its own).  Units are compared with
whitespace collapsed; the page text is the text content of <body> with tags
stripped (each tag boundary counts as a space) and entities decoded.
"""

import html
import html.parser
import re
import sys

# Lines of the seed that are the source web site's own navigation, not
# charter text: the skip link, and Pocheon's page-satisfaction widget (our
# pages carry their own widget in its place).  Kept small on purpose: every
# other line must be found.
SKIP = {
    "본문 바로가기",
    "콘텐츠 만족도 조사",
    "이 페이지에서 제공하는 정보에 대하여 어느 정도 만족하셨습니까?",
    "만족도 조사",
}

MARKER = re.compile(r"^(?:[•\-]\s*|\d+\.?\s+)+")
SPACE = re.compile(r"\s+")
INVISIBLE = {"head", "script", "style", "template", "noscript"}


def norm(s):
    return SPACE.sub(" ", s).strip()


def seed_units(path):
    units = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            s = norm(line.replace("|", " "))
            s = norm(MARKER.sub("", s))
            if s and s not in SKIP:
                units.append(s)
    return units


class TextOf(html.parser.HTMLParser):
    """Collect the text a reader sees: everything outside head/script/style."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in INVISIBLE:
            self.hidden += 1
        self.parts.append(" ")

    def handle_startendtag(self, tag, attrs):
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in INVISIBLE and self.hidden > 0:
            self.hidden -= 1
        self.parts.append(" ")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def page_text(path):
    with open(path, encoding="utf-8") as f:
        p = TextOf()
        p.feed(f.read())
        p.close()
    return norm(html.unescape("".join(p.parts)))


def main(argv):
    if len(argv) != 3:
        print("usage: seed_text.py SEED.txt PAGE.html", file=sys.stderr)
        return 2
    try:
        units = seed_units(argv[1])
        text = page_text(argv[2])
    except (OSError, UnicodeDecodeError) as e:
        print("seed_text: %s" % e, file=sys.stderr)
        return 2
    pos = 0
    for n, u in enumerate(units, 1):
        at = text.find(u, pos)
        if at < 0:
            where = "out of order" if u in text else "missing"
            print("unit %d of %d %s: %s" % (n, len(units), where, u))
            return 1
        pos = at + len(u)
    print("ok: %d units in order" % len(units))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
