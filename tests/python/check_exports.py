#!/usr/bin/env python3
"""Reads sourcemark exports as their consumers would and checks every span.

usage: check_exports.py [--jsonl F] [--doccano F] [--label-studio F] [--brat DIR]

For jsonl, doccano and Label Studio: text[start:end] == span text for every span
(doccano has no span text; its spans are checked against the jsonl export of the same
project when both are given, and for bounds otherwise). For brat: every T line's offsets
lie inside the .txt, and its text column equals the fragments joined by a space, line
breaks and tabs read as spaces; A and # lines refer to T lines, A values are one token,
SourcemarkAttribute lines hold one JSON name: string. Standard library only. Exit 1 on
the first failure, with a message.
"""

import argparse
import json
import os
import sys


def fail(msg):
    print(f"check_exports: {msg}", file=sys.stderr)
    sys.exit(1)


def check_jsonl(path):
    spans = {}
    with open(path, encoding="utf-8", newline="") as f:
        for n, line in enumerate(f, 1):
            doc = json.loads(line)
            for key in ("id", "path", "title", "outlet", "url", "published", "sha256", "text", "spans"):
                if key not in doc:
                    fail(f"{path}:{n}: missing {key!r}")
            text = doc["text"]
            for s in doc["spans"]:
                for key in ("id", "start", "end", "label", "text", "note", "attrs",
                            "annotator", "created", "modified"):
                    if key not in s:
                        fail(f"{path}:{n}: span missing {key!r}")
                got = text[s["start"]:s["end"]]
                if got != s["text"]:
                    fail(f"{path}:{n}: span {s['id']} text[{s['start']}:{s['end']}] is {got!r}, expected {s['text']!r}")
                spans[(doc["id"], s["start"], s["end"], s["label"])] = s["text"]
    return spans


def check_doccano(path, jsonl_spans):
    count = 0
    with open(path, encoding="utf-8", newline="") as f:
        for n, line in enumerate(f, 1):
            doc = json.loads(line)
            text = doc["text"]
            for start, end, label in doc["label"]:
                if not (0 <= start < end <= len(text)):
                    fail(f"{path}:{n}: span {start}..{end} outside text of {len(text)} chars")
                key = (doc["meta"]["id"], start, end, label)
                if jsonl_spans is not None:
                    if key not in jsonl_spans:
                        fail(f"{path}:{n}: span {key} not in the jsonl export")
                    if text[start:end] != jsonl_spans[key]:
                        fail(f"{path}:{n}: text[{start}:{end}] is {text[start:end]!r}, expected {jsonl_spans[key]!r}")
                count += 1
    return count


def check_label_studio(path):
    with open(path, encoding="utf-8") as f:
        tasks = json.load(f)
    if not isinstance(tasks, list):
        fail(f"{path}: not a JSON array of tasks")
    count = 0
    for i, task in enumerate(tasks, 1):
        text = task["data"]["text"]
        for ann in task["annotations"]:
            for r in ann["result"]:
                v = r["value"]
                got = text[v["start"]:v["end"]]
                if got != v["text"]:
                    fail(f"{path}: task {i}: text[{v['start']}:{v['end']}] is {got!r}, expected {v['text']!r}")
                if not v["labels"]:
                    fail(f"{path}: task {i}: result without labels")
                count += 1
    return count


def check_brat(folder):
    count = 0
    anns = sorted(n for n in os.listdir(folder) if n.endswith(".ann"))
    if not anns:
        fail(f"{folder}: no .ann files")
    if not os.path.exists(os.path.join(folder, "annotation.conf")):
        fail(f"{folder}: no annotation.conf")
    for name in anns:
        ann_path = os.path.join(folder, name)
        txt_path = ann_path[:-4] + ".txt"
        # brat reads the text as is: no newline translation.
        with open(txt_path, encoding="utf-8", newline="") as f:
            text = f.read()
        ids = set()
        with open(ann_path, encoding="utf-8", newline="") as f:
            lines = f.read().split("\n")
        for n, line in enumerate(lines, 1):
            if not line:
                continue
            cols = line.split("\t")
            kind = cols[0][0]
            if kind == "T":
                if len(cols) != 3:
                    fail(f"{ann_path}:{n}: T line needs 3 tab-separated columns")
                label, _, offsets = cols[1].partition(" ")
                frags = []
                for frag in offsets.split(";"):
                    start, end = (int(x) for x in frag.split(" "))
                    if not (0 <= start < end <= len(text)):
                        fail(f"{ann_path}:{n}: {start}..{end} outside the text")
                    frags.append(text[start:end])
                expected = " ".join(frags).replace("\r", " ").replace("\n", " ").replace("\t", " ")
                if cols[2] != expected:
                    fail(f"{ann_path}:{n}: text column {cols[2]!r}, offsets give {expected!r}")
                ids.add(cols[0])
                count += 1
            elif kind == "A":
                words = cols[1].split(" ")
                if len(cols) != 2 or len(words) not in (2, 3):
                    fail(f"{ann_path}:{n}: A line value is not one token")
                if words[1] not in ids:
                    fail(f"{ann_path}:{n}: attribute of unknown {words[1]}")
            elif kind == "#":
                words = cols[1].split(" ")
                if len(cols) != 3 or len(words) != 2 or words[1] not in ids:
                    fail(f"{ann_path}:{n}: malformed # line")
                if words[0] == "SourcemarkAttribute":
                    try:
                        carried = json.loads(cols[2])
                    except ValueError:
                        fail(f"{ann_path}:{n}: SourcemarkAttribute is not JSON")
                    if not (isinstance(carried, dict) and len(carried) == 1
                            and all(isinstance(v, str) for v in carried.values())):
                        fail(f"{ann_path}:{n}: SourcemarkAttribute is not one name: string")
                elif words[0] != "AnnotatorNotes":
                    fail(f"{ann_path}:{n}: unexpected # line type {words[0]!r}")
            else:
                fail(f"{ann_path}:{n}: unexpected line {line!r}")
    return count


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--jsonl")
    p.add_argument("--doccano")
    p.add_argument("--label-studio")
    p.add_argument("--brat")
    a = p.parse_args()
    spans = check_jsonl(a.jsonl) if a.jsonl else None
    counts = []
    if spans is not None:
        counts.append(f"jsonl {len(spans)}")
    if a.doccano:
        counts.append(f"doccano {check_doccano(a.doccano, spans)}")
    if a.label_studio:
        counts.append(f"label-studio {check_label_studio(a.label_studio)}")
    if a.brat:
        counts.append(f"brat {check_brat(a.brat)}")
    print("ok: " + ", ".join(counts) + " spans checked")


if __name__ == "__main__":
    main()
