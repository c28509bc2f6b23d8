#!/usr/bin/env python3
"""Reads sourcemark exports as their consumers would and checks every span.

usage: check_exports.py [--jsonl F] [--doccano F] [--label-studio F] [--brat DIR]
                        [--doccano-rel F]

For jsonl, doccano and Label Studio: text[start:end] == span text for every span
(doccano has no span text; its spans are checked against the jsonl export of the same
project when both are given, and for bounds otherwise). For brat: every T line's offsets
lie inside the .txt, and its text column equals the fragments joined by a space, line
breaks and tabs read as spaces; A and # lines refer to T (or R) lines, A values are one
token, SourcemarkAttribute lines hold one JSON name: string.

Ranges: in jsonl each range of a span ([start, end] then every `more` pair) is in order,
inside the text, and text[start:end] is that range's part of the span text (the ranges'
texts joined by one space); every Label Studio region and doccano-rel entity is one
range, checked on its own text, and `range-of` joins pieces of one label.

Links: every jsonl link names span ids of the file, in a record holding one of its ends;
every Label Studio relation joins regions of its annotation; every brat R line joins T
lines of its file with a type declared under [relations]; every doccano-rel relation
joins entities of its line. Standard library only. Exit 1 on the first failure, with a
message.
"""

import argparse
import json
import os
import sys


def fail(msg):
    print(f"check_exports: {msg}", file=sys.stderr)
    sys.exit(1)


def check_ranges(where, text, s):
    """Each range of a jsonl span: in order, inside the text, and its text[start:end]
    the next part of the span text (parts joined by one space)."""
    ranges = [(s["start"], s["end"])] + [tuple(r) for r in s.get("more", [])]
    stated = s["text"]
    at = 0
    prev_end = None
    for k, (start, end) in enumerate(ranges):
        if not (0 <= start < end <= len(text)):
            fail(f"{where}: span {s['id']} range {start}..{end} outside the text of {len(text)} chars")
        if prev_end is not None and start < prev_end:
            fail(f"{where}: span {s['id']} range {start}..{end} overlaps or precedes the one before")
        prev_end = end
        got = text[start:end]
        if k > 0:
            if stated[at:at + 1] != " ":
                fail(f"{where}: span {s['id']} text {stated!r} has no space before range {k + 1}")
            at += 1
        if stated[at:at + len(got)] != got:
            fail(f"{where}: span {s['id']} text[{start}:{end}] is {got!r}, expected {stated[at:at + len(got)]!r}")
        at += len(got)
    if at != len(stated):
        fail(f"{where}: span {s['id']} text {stated!r} is longer than its ranges' texts")
    return ranges


def check_jsonl(path):
    spans = {}
    ranges = set()
    ids = {}
    links = []
    with open(path, encoding="utf-8", newline="") as f:
        for n, line in enumerate(f, 1):
            doc = json.loads(line)
            for key in ("id", "path", "title", "outlet", "url", "published", "sha256", "text",
                        "spans", "links"):
                if key not in doc:
                    fail(f"{path}:{n}: missing {key!r}")
            text = doc["text"]
            for s in doc["spans"]:
                for key in ("id", "start", "end", "label", "text", "note", "attrs",
                            "annotator", "created", "modified"):
                    if key not in s:
                        fail(f"{path}:{n}: span missing {key!r}")
                rs = check_ranges(f"{path}:{n}", text, s)
                # doccano writes the first range only.
                spans[(doc["id"], s["start"], s["end"], s["label"])] = text[s["start"]:s["end"]]
                for start, end in rs:
                    ranges.add((doc["id"], start, end, s["label"]))
                ids[s["id"]] = doc["id"]
            for l in doc["links"]:
                for key in ("id", "from", "to", "kind", "note"):
                    if key not in l:
                        fail(f"{path}:{n}: link missing {key!r}")
                if not l["kind"]:
                    fail(f"{path}:{n}: link {l['id']} has no kind")
                links.append((n, doc["id"], l))
    for n, doc_id, l in links:
        for end in ("from", "to"):
            if l[end] not in ids:
                fail(f"{path}:{n}: link {l['id']} {end} {l[end]!r} is no span of the file")
        if doc_id not in (ids[l["from"]], ids[l["to"]]):
            fail(f"{path}:{n}: link {l['id']} is in a record holding neither of its ends")
        if l["from"] == l["to"]:
            fail(f"{path}:{n}: link {l['id']} links a span to itself")
    return spans, ranges, len({l["id"] for _, _, l in links})


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
    links = 0
    for i, task in enumerate(tasks, 1):
        text = task["data"]["text"]
        for ann in task["annotations"]:
            regions = {}
            relations = []
            for r in ann["result"]:
                if r["type"] == "relation":
                    relations.append(r)
                    continue
                v = r["value"]
                got = text[v["start"]:v["end"]]
                if got != v["text"]:
                    fail(f"{path}: task {i}: text[{v['start']}:{v['end']}] is {got!r}, expected {v['text']!r}")
                if not v["labels"]:
                    fail(f"{path}: task {i}: result without labels")
                if r["id"] in regions:
                    fail(f"{path}: task {i}: region id {r['id']!r} used twice")
                regions[r["id"]] = v
                count += 1
            for r in relations:
                for end in ("from_id", "to_id"):
                    if r[end] not in regions:
                        fail(f"{path}: task {i}: relation {end} {r[end]!r} is no region of the task")
                if r.get("direction") != "right" or len(r.get("labels", [])) != 1:
                    fail(f"{path}: task {i}: relation {r!r} is not right-pointing with one label")
                if r["labels"][0] == "range-of":
                    a, b = regions[r["from_id"]], regions[r["to_id"]]
                    if a["labels"] != b["labels"] or a["start"] < b["end"]:
                        fail(f"{path}: task {i}: range-of {r!r} joins regions of two labels or out of order")
                    count -= 1
                else:
                    links += 1
    return count, links


def declared_relations(folder):
    with open(os.path.join(folder, "annotation.conf"), encoding="utf-8") as f:
        section = None
        kinds = set()
        for line in f.read().split("\n"):
            if line.startswith("["):
                section = line.strip()
            elif section == "[relations]" and line.strip() and not line.startswith("#"):
                name, _, args = line.partition("\t")
                if args != "Arg1:<ENTITY>, Arg2:<ENTITY>":
                    fail(f"{folder}/annotation.conf: relation {name!r} has arguments {args!r}")
                kinds.add(name)
    return kinds


def check_brat(folder):
    count = 0
    links = 0
    anns = sorted(n for n in os.listdir(folder) if n.endswith(".ann"))
    if not anns:
        fail(f"{folder}: no .ann files")
    if not os.path.exists(os.path.join(folder, "annotation.conf")):
        fail(f"{folder}: no annotation.conf")
    kinds = declared_relations(folder)
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
            elif kind == "R":
                words = cols[1].split(" ")
                if len(cols) != 2 or len(words) != 3:
                    fail(f"{ann_path}:{n}: R line is not TYPE Arg1:T Arg2:T")
                if words[0] not in kinds:
                    fail(f"{ann_path}:{n}: relation type {words[0]!r} not under [relations]")
                ends = [w.partition(":") for w in words[1:]]
                if [e[0] for e in ends] != ["Arg1", "Arg2"] or not all(e[2] in ids for e in ends):
                    fail(f"{ann_path}:{n}: relation arguments {words[1:]} are not T lines of the file")
                if ends[0][2] == ends[1][2]:
                    fail(f"{ann_path}:{n}: relation from a T line to itself")
                ids.add(cols[0])
                links += 1
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
                if words[0] == "SourcemarkAttribute" and words[1].startswith("R"):
                    carried = json.loads(cols[2])
                    if list(carried) != ["kind"]:
                        fail(f"{ann_path}:{n}: a relation's SourcemarkAttribute holds only its kind")
                elif words[0] == "SourcemarkAttribute":
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
    return count, links


def check_doccano_rel(path, jsonl_ranges):
    count = 0
    links = 0
    seen = set()
    with open(path, encoding="utf-8", newline="") as f:
        for n, line in enumerate(f, 1):
            doc = json.loads(line)
            text = doc["text"]
            entities = {}
            for e in doc["entities"]:
                start, end = e["start_offset"], e["end_offset"]
                if not (0 <= start < end <= len(text)):
                    fail(f"{path}:{n}: entity {start}..{end} outside text of {len(text)} chars")
                if e["id"] in seen:
                    fail(f"{path}:{n}: entity id {e['id']} used twice in the file")
                seen.add(e["id"])
                key = (doc["meta"]["id"], start, end, e["label"])
                if jsonl_ranges is not None and key not in jsonl_ranges:
                    fail(f"{path}:{n}: entity {key}: text[{start}:{end}] = {text[start:end]!r} is no range of the jsonl export")
                entities[e["id"]] = e
                count += 1
            for r in doc["relations"]:
                for end in ("from_id", "to_id"):
                    if r[end] not in entities:
                        fail(f"{path}:{n}: relation {end} {r[end]} is no entity of the line")
                if not r["type"]:
                    fail(f"{path}:{n}: relation without a type")
                if r["type"] == "range-of":
                    a, b = entities[r["from_id"]], entities[r["to_id"]]
                    if a["label"] != b["label"] or a["start_offset"] < b["end_offset"]:
                        fail(f"{path}:{n}: range-of {r} joins entities of two labels or out of order")
                    count -= 1
                else:
                    links += 1
    return count, links


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--jsonl")
    p.add_argument("--doccano")
    p.add_argument("--label-studio")
    p.add_argument("--brat")
    p.add_argument("--doccano-rel")
    a = p.parse_args()
    spans, ranges, jsonl_links = check_jsonl(a.jsonl) if a.jsonl else (None, None, 0)
    counts = []
    links = []
    if spans is not None:
        counts.append(f"jsonl {len(spans)}")
        links.append(f"jsonl {jsonl_links}")
    if a.doccano:
        counts.append(f"doccano {check_doccano(a.doccano, spans)}")
    for name, arg, check in (("label-studio", a.label_studio, check_label_studio),
                             ("brat", a.brat, check_brat),
                             ("doccano-rel", a.doccano_rel,
                              lambda x: check_doccano_rel(x, ranges))):
        if arg:
            c, l = check(arg)
            counts.append(f"{name} {c}")
            links.append(f"{name} {l}")
    print("ok: " + ", ".join(counts) + " spans checked; links: " + ", ".join(links))


if __name__ == "__main__":
    main()
