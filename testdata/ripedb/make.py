#!/usr/bin/env python3
"""Builds the SYNTHETIC RIPE Database REST answers in this folder.

They have the shape the RIPE Database documentation gives for a lookup answer ("RESTful API
Queries", https://docs.db.ripe.net/How-to-Query-the-RIPE-Database/RESTful-API-Queries/):
{"objects": {"object": [{"type", "link", "source", "primary-key", "attributes":
{"attribute": [{"name", "value"}, ...]}}]}}. The object is the inetnum of the real RIPE RDAP
answer ../rdap/ripe_62_239_237_1.json (62.239.237.0 - 62.239.237.255) with its type set to
ASSIGNED PI, as ../rdap/synthetic/ripe-good.json has it; the proof lines are placed as each
cloud asks (AWS and Oracle: descr:, Azure: remarks:). Every answer carries a
"SYNTHETIC TEST DOCUMENT" remarks: line.

Run from the repository root:  python3 testdata/ripedb/make.py
"""
import json, os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

with open(os.path.join(ROOT, "demo-cert.pem")) as f:
    CERT = "".join(l for l in f.read().splitlines() if l)

KEY = "62.239.237.0 - 62.239.237.255"
CIDR = "62.239.237.0/24"
# A made-up OCI validation token (Oracle's API returns an ASCII string).
TOKEN = "ocid-demo-7f3a9c2e51d84b6f"
LINE = f"OCITOKEN::{CIDR}:{TOKEN}"


def answer(extra_descr=(), extra_remarks=()):
    attrs = [("inetnum", KEY), ("netname", "EXAMPLE-NET"), ("descr", "Example network")]
    attrs += [("descr", d) for d in extra_descr]
    attrs += [("country", "GB"), ("org", "ORG-EXA1-RIPE"), ("admin-c", "EXA1-RIPE"),
              ("tech-c", "EXA1-RIPE"), ("status", "ASSIGNED PI")]
    attrs += [("remarks", "SYNTHETIC TEST DOCUMENT built by byoip testdata/ripedb/make.py")]
    attrs += [("remarks", r) for r in extra_remarks]
    attrs += [("mnt-by", "EXAMPLE-MNT"), ("created", "2020-01-01T00:00:00Z"),
              ("last-modified", "2026-11-26T00:00:00Z"), ("source", "RIPE")]
    href = "https://rest.db.ripe.net/ripe/inetnum/" + KEY.replace(" ", "%20")
    return {
        "link": {"type": "locator", "href": href},
        "objects": {"object": [{
            "type": "inetnum",
            "link": {"type": "locator", "href": href},
            "source": {"id": "ripe"},
            "primary-key": {"attribute": [{"name": "inetnum", "value": KEY}]},
            "attributes": {"attribute": [{"name": n, "value": v} for n, v in attrs]},
        }]},
        "terms-and-conditions": {"type": "locator",
                                 "href": "https://apps.db.ripe.net/docs/HTML-Terms-And-Conditions"},
    }


FILES = {
    # Certificates.
    "inetnum-descr.json": answer(extra_descr=[CERT]),
    "inetnum-remarks.json": answer(extra_remarks=[CERT]),
    "inetnum-both.json": answer(extra_descr=[CERT], extra_remarks=[CERT]),
    "inetnum-none.json": answer(),
    # OCI tokens.
    "oci-token.json": answer(extra_descr=[LINE]),
    "oci-token-remarks.json": answer(extra_remarks=[LINE]),
    "oci-token-raw.json": answer(extra_descr=[TOKEN]),
    "oci-token-other-cidr.json": answer(extra_descr=[f"OCITOKEN::62.239.236.0/24:{TOKEN}"]),
}

for name, doc in FILES.items():
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
