#!/usr/bin/env python3
"""Builds the SYNTHETIC BYOIP RDAP documents in this folder from the real responses in
../ (see ../README.md for their sources and licences).

No registry record publicly holds a BYOIP certificate, so each document here is a real
response with a certificate placed the way that registry shows one (AWS, "Prerequisites
for BYOIP in Amazon EC2", and each registry's RDAP answers):
  ARIN   network-level remark, the certificate split over 64-column lines
  RIPE   the untitled remark RIPE makes of descr: lines, one long line
  APNIC  the remark titled "remarks", one long line
Every document carries "synthetic": true and a notice saying so.

Run from the repository root:  python3 testdata/rdap/synthetic/make.py
"""
import copy, json, os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def read(path):
    with open(os.path.join(ROOT, path)) as f:
        return f.read()


def real(name):
    return json.loads(read(os.path.join("rdap", name)))


DEMO = read("demo-cert.pem")
EXPIRED = read("keys/expired-cert.pem")
OTHER = read("keys/other2048-cert.pem")


def lines(pem):
    return [l for l in pem.splitlines() if l]


def one_line(pem):
    return "".join(lines(pem))


def synthetic(doc, what):
    doc = copy.deepcopy(doc)
    doc["synthetic"] = True
    doc.setdefault("notices", []).insert(0, {
        "title": "SYNTHETIC TEST DOCUMENT",
        "description": ["Built by byoip testdata/rdap/synthetic/make.py from a real response: " + what],
    })
    return doc


def write(name, doc):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")


arin = real("icann-rdap_arin_network_192_198_0_0.json")


def arin_with(remark_lines, what, entity=False):
    d = synthetic(arin, what)
    if entity:
        d["entities"][0]["remarks"].append({"title": "Registration Comments", "description": remark_lines})
    else:
        d["remarks"] = [{"title": "Registration Comments", "description": remark_lines}]
    return d


write("arin-good.json", arin_with(lines(DEMO), "demo certificate in the network's Public Comments"))
write("arin-org-comments.json", arin_with(lines(DEMO), "demo certificate in the organization's comments only", entity=True))
write("arin-expired.json", arin_with(lines(EXPIRED), "expired certificate of the demo key"))
write("arin-other-key.json", arin_with(lines(OTHER), "certificate of another key (keys/other2048.pem)"))
write("arin-no-cert.json", synthetic(arin, "no certificate anywhere"))
# Two certificates of the demo key in one remark, the valid one first and then the other
# way round: a check must reach the same verdict on both (the expired one must go).
write("arin-two-certs-valid-first.json", arin_with(lines(DEMO) + lines(EXPIRED), "the demo certificate, then the expired certificate of the same key, in one remark"))
write("arin-two-certs-expired-first.json", arin_with(lines(EXPIRED) + lines(DEMO), "the expired certificate of the demo key, then the demo certificate, in one remark"))

# A parent for the walk-up: the /8 above 192.198.0.0/22, holding the certificate.
parent = arin_with(lines(DEMO), "a parent record holding the certificate")
parent.update({"handle": "NET-192-0-0-0-0", "startAddress": "192.0.0.0", "endAddress": "192.255.255.255",
               "name": "NET192", "parentHandle": None,
               "cidr0_cidrs": [{"v4prefix": "192.0.0.0", "length": 8}],
               "links": [{"rel": "self", "href": "https://rdap.arin.net/registry/ip/192.0.0.0"}]})
del parent["parentHandle"]
write("arin-parent-with-cert.json", parent)

ripe = real("ripe_62_239_237_1.json")
r = synthetic(ripe, "demo certificate as a descr: line; type set to ASSIGNED PI (the real record is ASSIGNED PA)")
r["type"] = "ASSIGNED PI"
r["remarks"] = [{"description": ["UDC", one_line(DEMO)]}]
write("ripe-good.json", r)
r = synthetic(ripe, "demo certificate in a remarks: attribute (RIPE does not show these; a future server might)")
r["type"] = "ASSIGNED PI"
r["remarks"] = [{"description": ["UDC"]}, {"title": "remarks", "description": [one_line(DEMO)]}]
write("ripe-remarks.json", r)

apnic = real("apnic_210_107_73_73.json")
a = synthetic(apnic, "demo certificate in remarks:; the KRNIC incident-response contact renamed IRT-EXAMPLE-AP")
a["remarks"].append({"title": "remarks", "description": [one_line(DEMO)]})
for e in a["entities"]:
    if e.get("handle") == "IRT-KRNIC-KR":
        e["handle"] = "IRT-EXAMPLE-AP"
write("apnic-good.json", a)

# Oracle's proof: the line OCITOKEN::<cidr>:<token> (a made-up token) for 192.198.0.0/24.
OCI_LINE = "OCITOKEN::192.198.0.0/24:ocid-demo-7f3a9c2e51d84b6f"
write("arin-oci-token.json", arin_with([OCI_LINE], "an OCI token line in the network's Public Comments"))
write("arin-oci-token-org.json", arin_with([OCI_LINE], "an OCI token line in the organization's comments only", entity=True))
