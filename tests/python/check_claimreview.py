#!/usr/bin/env python3
"""Expands a sourcemark ClaimReview export with pyld, as a JSON-LD consumer would, and
checks what comes out.

usage: check_claimreview.py FILE

The test has no network, so `https://schema.org` (the `@context` of every review) is
served from here: the part of schema.org's own JSON-LD context that the export uses
(`@vocab` and the `url` property read as an IRI). Any other remote document is refused.

Checks: the document expands without a JSON-LD error; every top-level node is a
schema.org ClaimReview; every property and type in the expanded graph is a schema.org
term (a misspelt key expands to a term schema.org does not have and fails here); a url
expands to an absolute IRI, not a string or a relative reference; no value is empty; nothing is dropped in expansion (every key of the
input is in the output); a numeric rating lies between worstRating and bestRating.
Prints `ok: N ClaimReview(s) expanded`; exit 1 on the first failure, with a message.
"""

import json
import sys

from pyld import jsonld

SCHEMA = "http://schema.org/"

# Relative IRIs resolve against this base, so a url that is not absolute shows.
BASE = "http://relative.invalid/"

# The subset of https://schema.org/docs/jsonldcontext.jsonld the export relies on.
CONTEXT = {
    "@context": {
        "@vocab": SCHEMA,
        "schema": SCHEMA,
        "url": {"@id": "schema:url", "@type": "@id"},
    }
}

# The schema.org terms a ClaimReview export may use (all defined at schema.org).
TYPES = {"ClaimReview", "Claim", "CreativeWork", "Organization", "Person", "Rating"}
PROPERTIES = {
    "identifier",
    "claimReviewed",
    "itemReviewed",
    "reviewRating",
    "author",
    "datePublished",
    "reviewBody",
    "url",
    "appearance",
    "headline",
    "name",
    "alternateName",
    "ratingValue",
    "bestRating",
    "worstRating",
}


def fail(msg):
    print(f"check_claimreview: {msg}", file=sys.stderr)
    sys.exit(1)


def loader(url, options=None):
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": CONTEXT,
        }
    fail(f"the export names a remote document other than schema.org: {url}")


def check_node(where, node):
    for t in node.get("@type", []):
        if not t.startswith(SCHEMA) or t[len(SCHEMA):] not in TYPES:
            fail(f"{where}: type {t} is not a schema.org type of ClaimReview markup")
    for key, values in node.items():
        if key.startswith("@"):
            continue
        if not key.startswith(SCHEMA) or key[len(SCHEMA):] not in PROPERTIES:
            fail(f"{where}: property {key} is not a schema.org property of the markup")
        for v in values:
            if key == SCHEMA + "url" and (
                "@id" not in v or v["@id"].startswith(BASE)
            ):
                fail(f"{where}: url {v} is not an absolute IRI")
            if "@value" in v and v["@value"] == "":
                fail(f"{where}: {key} is empty")
            if "@value" not in v and "@id" not in v:
                check_node(f"{where} > {key[len(SCHEMA):]}", v)
            elif "@id" in v and len(v) > 1:
                check_node(f"{where} > {key[len(SCHEMA):]}", v)


def count_keys(value):
    """Keys of the input that should survive expansion (all but @context)."""
    if isinstance(value, list):
        return sum(count_keys(v) for v in value)
    if isinstance(value, dict):
        return sum(1 + count_keys(v) for k, v in value.items() if k != "@context")
    return 0


def count_expanded(value):
    if isinstance(value, list):
        return sum(count_expanded(v) for v in value)
    if isinstance(value, dict):
        if "@value" in value:
            return 0
        if "@id" in value and len(value) == 1:
            return 0
        return sum(1 + count_expanded(v) for k, v in value.items())
    return 0


def main():
    if len(sys.argv) != 2:
        fail("usage: check_claimreview.py FILE")
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    if not isinstance(doc, list):
        fail("the export is not a JSON array")
    for i, review in enumerate(doc):
        if review.get("@context") != "https://schema.org":
            fail(f"review {i}: @context is {review.get('@context')!r}")
    try:
        expanded = jsonld.expand(doc, {"documentLoader": loader, "base": BASE})
    except jsonld.JsonLdError as e:
        fail(f"not valid JSON-LD: {e}")
    if len(expanded) != len(doc):
        fail(f"{len(doc)} reviews in, {len(expanded)} nodes out")
    for i, node in enumerate(expanded):
        if node.get("@type") != [SCHEMA + "ClaimReview"]:
            fail(f"node {i}: type {node.get('@type')}")
        check_node(f"review {i}", node)
        rating = node[SCHEMA + "reviewRating"][0]
        value = rating.get(SCHEMA + "ratingValue")
        if value is not None:
            lo = rating[SCHEMA + "worstRating"][0]["@value"]
            hi = rating[SCHEMA + "bestRating"][0]["@value"]
            if not lo <= value[0]["@value"] <= hi:
                fail(f"review {i}: rating {value} outside {lo}..{hi}")
    # "@type" keys count on both sides; the url of an appearance is a key in and an
    # IRI node out, counted in neither nested side.
    if count_keys(doc) != count_expanded(expanded):
        fail(
            f"expansion dropped keys: {count_keys(doc)} in, "
            f"{count_expanded(expanded)} out"
        )
    print(f"ok: {len(doc)} ClaimReview(s) expanded")


main()
