"""Reads `sourcemark compare --format json` as a pandas user would: every row has every
field, numbers are numbers, names are the export names, and figure rows of a cluster
chart (a central value from value or its bounds). Standard library only.

Usage: check_compare.py COMPARE.json PROJECT_TEXTS_DIR
Prints one summary line; exits 1 with the failures listed."""

import json
import sys

FIELDS = {"id", "doc", "outlet", "published", "label", "text", "sentence", "cluster",
          "value", "low", "high", "unit", "counted", "precision", "value_from",
          "speaker", "verdict", "status"}
PRECISIONS = {None, "exact", "approximate", "at-least", "at-most"}
FROM = {None, "annotator", "text"}

def main():
    rows = json.load(open(sys.argv[1], encoding="utf-8"))["rows"]
    failures = []
    clustered_seen_unclustered = False
    for r in rows:
        where = f"row {r.get('id')}"
        if set(r) != FIELDS:
            failures.append(f"{where}: fields {sorted(set(r) ^ FIELDS)}")
            continue
        if r["cluster"] is None:
            clustered_seen_unclustered = True
        elif clustered_seen_unclustered:
            failures.append(f"{where}: a clustered row after an unclustered one")
        for k in ("value", "low", "high"):
            if r[k] is not None and not isinstance(r[k], (int, float)):
                failures.append(f"{where}: {k} is {r[k]!r}")
        if r["precision"] not in PRECISIONS:
            failures.append(f"{where}: precision {r['precision']!r}")
        if r["value_from"] not in FROM:
            failures.append(f"{where}: value_from {r['value_from']!r}")
        if r["label"] == "figure" and r["value"] is None and r["low"] is None and r["high"] is None:
            failures.append(f"{where}: a figure without numbers: {r['text']!r}")
        if r["label"] == "figure" and r["value_from"] is None:
            failures.append(f"{where}: a figure says not where its numbers come from")
        if r["sentence"] is not None:
            # The span is inside its sentence, whitespace aside.
            squash = lambda s: " ".join(s.split())
            for piece in r["text"].split(" "):
                if squash(piece) not in squash(r["sentence"]):
                    failures.append(f"{where}: {piece!r} not in its sentence")
        if r["published"] is not None:
            y, m, d = r["published"].split("-")
            if not (len(y) == 4 and 1 <= int(m) <= 12 and 1 <= int(d) <= 31):
                failures.append(f"{where}: published {r['published']!r}")
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    clusters = sorted({r["cluster"] for r in rows if r["cluster"]})
    print(f"{len(rows)} rows, clusters: {', '.join(clusters)}")

main()
