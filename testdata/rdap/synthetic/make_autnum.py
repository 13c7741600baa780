#!/usr/bin/env python3
"""Builds the SYNTHETIC BYOASN RDAP autnum documents in this folder.

No registry record publicly holds a BYOASN certificate, and no autnum answer is among the
saved responses in ../, so these documents are written from the shapes the registries
serve (RFC 9083 §5.5):
  ARIN   the shape of icann/icann-rdap's test file autnum_16509.json (objectClassName
         "autnum", handle "AS<n>", startAutnum/endAutnum, port43 whois.arin.net, entities
         whose remarks are titled "Registration Comments"); the ASN's own Public Comments
         are the autnum object's own remarks, the certificate split over 64-column lines
  RIPE   RIPE NCC's RDAP mapping of an aut-num: descr: lines become one untitled remark,
         remarks: a remark titled "remarks"; the certificate on one long line
The numbers (AS397979 at ARIN, AS201234 at RIPE NCC) are arbitrary public-range ASNs.
Every document carries "synthetic": true and a notice saying so.

Run from the repository root:  python3 testdata/rdap/synthetic/make_autnum.py
"""
import copy, json, os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def read(path):
    with open(os.path.join(ROOT, path)) as f:
        return f.read()


DEMO = read("demo-cert.pem")
EXPIRED = read("keys/expired-cert.pem")
OTHER = read("keys/other2048-cert.pem")


def lines(pem):
    return [l for l in pem.splitlines() if l]


def one_line(pem):
    return "".join(lines(pem))


NOTICE = {"title": "SYNTHETIC TEST DOCUMENT",
          "description": ["Built by byoip testdata/rdap/synthetic/make_autnum.py: "]}


def synthetic(doc, what):
    doc = copy.deepcopy(doc)
    doc["synthetic"] = True
    notice = copy.deepcopy(NOTICE)
    notice["description"][0] += what
    doc.setdefault("notices", []).insert(0, notice)
    return doc


def write(name, doc):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")


ARIN = {
    "rdapConformance": ["nro_rdap_profile_0", "rdap_level_0"],
    "objectClassName": "autnum",
    "handle": "AS397979",
    "startAutnum": 397979,
    "endAutnum": 397979,
    "name": "EXAMPLE-AS",
    "port43": "whois.arin.net",
    "status": ["active"],
    "links": [{"value": "https://rdap.arin.net/registry/autnum/397979", "rel": "self",
               "type": "application/rdap+json", "href": "https://rdap.arin.net/registry/autnum/397979"}],
    "events": [{"eventAction": "registration", "eventDate": "2021-07-22T10:42:42-04:00"}],
    "entities": [{
        "objectClassName": "entity",
        "handle": "EXAMPLE-ARIN",
        "roles": ["registrant"],
        "port43": "whois.arin.net",
        "remarks": [{"title": "Registration Comments",
                     "description": ["Report abuse to the abuse POC.", "", "Thank you for your cooperation."]}],
        "entities": [{"objectClassName": "entity", "handle": "NOC-EXAMPLE-ARIN", "roles": ["noc"],
                      "port43": "whois.arin.net"}],
    }],
}


def arin_with(cert_lines, what, entity=False):
    d = synthetic(ARIN, what)
    if entity:
        d["entities"][0]["remarks"].append({"title": "Registration Comments", "description": cert_lines})
    else:
        d["remarks"] = [{"title": "Registration Comments", "description": cert_lines}]
    return d


write("arin-autnum-good.json", arin_with(lines(DEMO), "demo certificate in the ASN's Public Comments"))
write("arin-autnum-org-comments.json", arin_with(lines(DEMO), "demo certificate in the organization's comments only", entity=True))
write("arin-autnum-expired.json", arin_with(lines(EXPIRED), "expired certificate of the demo key"))
write("arin-autnum-other-key.json", arin_with(lines(OTHER), "certificate of another key (keys/other2048.pem)"))
write("arin-autnum-no-cert.json", synthetic(ARIN, "no certificate anywhere"))

RIPE = {
    "rdapConformance": ["cidr0", "rdap_level_0", "nro_rdap_profile_0"],
    "objectClassName": "autnum",
    "handle": "AS201234",
    "startAutnum": 201234,
    "endAutnum": 201234,
    "name": "EXAMPLE-AS",
    "port43": "whois.ripe.net",
    "links": [{"value": "https://rdap.db.ripe.net/autnum/201234", "rel": "self",
               "href": "https://rdap.db.ripe.net/autnum/201234"}],
    "entities": [{"objectClassName": "entity", "handle": "ORG-EXA1-RIPE", "roles": ["registrant"]},
                 {"objectClassName": "entity", "handle": "EXA1-RIPE", "roles": ["administrative", "technical"]}],
    "remarks": [{"description": ["Example AS for byoip tests"]}],
}


def ripe_with(title, what):
    d = synthetic(RIPE, what)
    remark = {"description": [one_line(DEMO)]}
    if title:
        remark["title"] = title
        d["remarks"].append(remark)
    else:
        d["remarks"][0]["description"].append(one_line(DEMO))
    return d


write("ripe-autnum-good.json", ripe_with(None, "demo certificate on a descr: line of the aut-num"))
write("ripe-autnum-remarks.json", ripe_with("remarks", "demo certificate in remarks: of the aut-num (wrong field)"))


def without_start(what):
    # Older RIPE NCC (and LACNIC) answers: no startAutnum or endAutnum; the ASN is named only
    # by the handle and the self link.
    d = ripe_with(None, what)
    del d["startAutnum"], d["endAutnum"]
    return d


write("ripe-autnum-no-start.json", without_start("no startAutnum/endAutnum (older RIPE NCC shape); demo certificate on a descr: line"))
