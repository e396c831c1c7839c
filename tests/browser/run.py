#!/usr/bin/env python3
"""Browser tests with Debian's headless chromium (python3 stdlib CDP client).

usage: tests/browser/run.py BASE_URL

The Pocheon common charter page, 360 px wide, with and without JavaScript: no horizontal
overflow, and the page-satisfaction survey widget is shown. The open-data page over the
sample petitions' year: its SVG charts have a size and nothing overflows but a wide table
inside its own scrolling box. Last line: `N passed, N failed`.
"""
import os
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdp import Browser  # noqa: E402

PAGES = ["charter/pocheon/common", "charter/gwangmyeong/autonomy", "charter/"]
# the year of conf/petitions/sample-feed.xml, so that the charts have figures to draw
OPENDATA_PAGE = "opendata/?dept=pocheon/common&from=2026-01&to=2026-12"

# Widest element box vs. the viewport, and the survey form's visibility.
MEASURE = r"""(() => {
  const de = document.documentElement, vw = de.clientWidth;
  let widest = null, right = 0;
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > right + 0.5) { right = r.right; widest = el; }
  }
  const form = document.querySelector('form[action$="/survey"]');
  const fr = form && form.getBoundingClientRect();
  const desc = e => e ? e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
      (e.className && typeof e.className === 'string' ? '.' + e.className.split(/\s+/).join('.') : '') : null;
  return {vw, scrollWidth: Math.max(de.scrollWidth, document.body.scrollWidth), right,
          widest: desc(widest),
          survey: !!form && fr.width > 0 && fr.height > 0 &&
                  getComputedStyle(form).visibility !== 'hidden',
          scores: form ? form.querySelectorAll('[name="score"]').length : 0};
})()"""


def overflow_check(browser, url, survey):
    browser.navigate(url)
    m = browser.evaluate(MEASURE)
    problems = []
    if m["vw"] != 360:
        problems.append("viewport is %s px, not 360" % m["vw"])
    if m["scrollWidth"] > m["vw"] or m["right"] > m["vw"] + 0.5:
        problems.append("horizontal overflow: scrollWidth %s, widest box %s ends at %.1f" % (
            m["scrollWidth"], m["widest"], m["right"]))
    if survey and not m["survey"]:
        problems.append("survey widget (form posting to /survey) not visible")
    if survey and not m["scores"]:
        problems.append("survey widget has no score field")
    return problems


# The open-data page: every SVG chart is drawn with a size, and no box is wider than the
# phone except inside a wide table's own scrolling box (.table-wrap, charter.css).
OPENDATA = r"""(() => {
  const de = document.documentElement, vw = de.clientWidth;
  const charts = [...document.querySelectorAll('main svg')].map(s => {
    const r = s.getBoundingClientRect();
    return {id: s.id, w: r.width, h: r.height, right: r.right};
  });
  let widest = null, right = 0;
  for (const el of document.body.querySelectorAll('*')) {
    if (el.parentElement && el.parentElement.closest('.table-wrap')) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > right + 0.5) { right = r.right; widest = el; }
  }
  return {vw, scrollWidth: Math.max(de.scrollWidth, document.body.scrollWidth), right,
          widest: widest ? widest.tagName.toLowerCase() + (widest.id ? '#' + widest.id : '') : null,
          charts};
})()"""


def opendata_check(browser, url):
    browser.navigate(url)
    m = browser.evaluate(OPENDATA)
    problems = []
    if not m["charts"]:
        problems.append("no SVG chart on %s" % url)
    for c in m["charts"]:
        if c["w"] <= 0 or c["h"] <= 0:
            problems.append("chart %s drawn %sx%s" % (c["id"], c["w"], c["h"]))
        elif c["right"] > m["vw"] + 0.5:
            problems.append("chart %s ends at %.1f, wider than the viewport" % (c["id"], c["right"]))
    if m["scrollWidth"] > m["vw"] or m["right"] > m["vw"] + 0.5:
        problems.append("horizontal overflow: scrollWidth %s, widest box %s ends at %.1f" % (
            m["scrollWidth"], m["widest"], m["right"]))
    return problems


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    base = argv[1].rstrip("/") + "/"
    passed = failed = 0

    def report(name, problems):
        nonlocal passed, failed
        if problems:
            failed += 1
            print("FAIL %s: %s" % (name, "; ".join(problems)), flush=True)
        else:
            passed += 1
            print("ok   %s" % name, flush=True)

    for javascript in (True, False):
        mode = "js" if javascript else "nojs"
        try:
            browser = Browser(width=360, height=800, javascript=javascript)
        except Exception as e:
            report("browser_start_%s" % mode, ["%s" % e])
            continue
        try:
            # Is JavaScript really on/off? A page script either sets the title or not.
            browser.navigate("data:text/html,<title>off</title><script>document.title='on'</script>")
            state = browser.evaluate("document.title")
            report("javascript_%s" % mode,
                   [] if state == ("on" if javascript else "off") else ["page scripts are %s" % state])
            for page in PAGES:
                name = "width360_%s_%s" % (mode, page.strip("/").replace("/", "_"))
                try:
                    report(name, overflow_check(browser, base + page, survey=page != "charter/"))
                except Exception:
                    report(name, [traceback.format_exc().rstrip().splitlines()[-1]])
            name = "width360_%s_opendata" % mode
            try:
                report(name, opendata_check(browser, base + OPENDATA_PAGE))
            except Exception:
                report(name, [traceback.format_exc().rstrip().splitlines()[-1]])
        finally:
            browser.close()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
