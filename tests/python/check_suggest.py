"""Reads `sourcemark suggest --json` as a Python user would, against the article files:
every suggestion's offsets give its text (`text[start:end]`, a split quote's ranges
joined by one space), a quote's SaidBy link names a span whose offsets give its text,
labels are the project's, rules are built-in or FILE:LINE. Standard library only.

Usage: check_suggest.py SUGGEST.json ARTICLES_DIR
Prints one summary line; exits 1 with the failures listed."""

import json
import os
import re
import sys

FIELDS = {"doc", "label", "start", "end", "text", "attrs", "rule", "priority", "links"}
LABELS = {"claim", "quote", "figure", "source"}


def article(folder, doc):
    raw = open(os.path.join(folder, doc + ".txt"), "rb").read().decode("utf-8")
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def main():
    items = json.load(open(sys.argv[1], encoding="utf-8"))["suggestions"]
    texts = {}
    failures = []
    rules = {}
    speakers = 0
    for i, s in enumerate(items):
        where = f"suggestion {i} ({s.get('rule')})"
        if not FIELDS <= set(s) or not set(s) <= FIELDS | {"more"}:
            failures.append(f"{where}: fields {sorted(set(s))}")
            continue
        text = texts.setdefault(s["doc"], article(sys.argv[2], s["doc"]))
        parts = [text[s["start"]:s["end"]]] + [text[a:b] for a, b in s.get("more", [])]
        if " ".join(parts) != s["text"]:
            failures.append(f"{where}: offsets give {' '.join(parts)!r}, not {s['text']!r}")
        if s["label"] not in LABELS:
            failures.append(f"{where}: label {s['label']}")
        if not (s["rule"] in ("figure", "quote", "claim") or re.fullmatch(r".+:\d+", s["rule"])):
            failures.append(f"{where}: rule {s['rule']}")
        if s["priority"] not in ("high", "low"):
            failures.append(f"{where}: priority {s['priority']}")
        if s["label"] == "figure" and not isinstance(s["attrs"].get("value", s["attrs"].get("low")), (int, float)):
            failures.append(f"{where}: a figure without its number: {s['attrs']}")
        for link in s["links"]:
            to = link["to"]
            if link["kind"] != "SaidBy" or to["label"] != "source":
                failures.append(f"{where}: link {link}")
            if text[to["start"]:to["end"]] != to["text"]:
                failures.append(f"{where}: speaker offsets give {text[to['start']:to['end']]!r}")
            if s["attrs"].get("speaker") != " ".join(to["text"].split()):
                failures.append(f"{where}: speaker attribute {s['attrs'].get('speaker')!r}")
            speakers += 1
        rules[s["rule"]] = rules.get(s["rule"], 0) + 1
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(f"{len(items)} suggestions, {speakers} with a speaker; rules: "
          + ", ".join(f"{k} {v}" for k, v in sorted(rules.items())))


main()
