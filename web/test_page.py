#!/usr/bin/env python3
"""The web page against the CLI, in headless Chromium.

Serves web/dist on 127.0.0.1 (an ephemeral port), drives the page with selenium and
compares its verdicts with `byoip verify --json` on the same inputs: valid, tampered,
trailing newline, standard base64, hex, another key, the one-line certificate, a saved
RDAP answer, a BYOASN message, a pasted context (whose message, not its own text, is linted), and Azure's three-field message (valid,
PSS, AWS's alphabet, another key). Signing Azure's message in the page gives the CLI's
signature byte for byte. Also: the lint and the certificate report against `byoip lint --json` and
`byoip inspect --json` (a long finding wraps), signing in the page (checked by the CLI), the dns-token plan
against `byoip dns-token plan --json` and its zone file's quoting, the Sign form's fields side
by side without overlap, keyboard use, a label for every field, and that
every request the page makes goes to its own origin (a fetch to another origin is
refused by the Content-Security-Policy and never arrives). Screenshots at desktop and
phone width go to target/web/.

Usage: test_page.py DIST_DIR BYOIP_BINARY. Fails (never skips) when chromium, chromedriver
or selenium is missing.
"""

import base64
import datetime
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

try:
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
except ImportError as e:
    raise SystemExit(f"error: {e}; hint: pip install selenium cryptography (.ci/run installs them)")

ROOT = Path(__file__).resolve().parent.parent
TESTDATA = ROOT / "testdata"
DIST = Path(sys.argv[1]).resolve()
BYOIP = str(Path(sys.argv[2]).resolve())
SHOTS = ROOT / "target" / "web"

failures = []
passed = 0



def names_cli(text):
    """Whether a text names one of byoip's flags or commands (other tools' are fine)."""
    return "`byoip " in text or re.search(r"(?<![\w-])--[a-z]", text) is not None

def check(name, cond, detail=""):
    global passed
    if cond:
        passed += 1
        print(f"ok   {name}")
    else:
        failures.append(name)
        print(f"FAIL {name}: {detail}")


# ---- servers ---------------------------------------------------------------------------


class Server:
    """A static server on 127.0.0.1 that records every request path."""

    def __init__(self, directory):
        self.paths = []
        outer = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, fmt, *args):
                outer.paths.append(self.path)

        handler = functools.partial(Handler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        self.httpd.shutdown()


# ---- inputs ----------------------------------------------------------------------------


def load_key(path):
    return serialization.load_pem_private_key((TESTDATA / path).read_bytes(), password=None)


def pss_sign(key, data):
    return key.sign(
        data,
        padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32),
        hashes.SHA256(),
    )


def pkcs1_sign(key, data):
    return key.sign(data, padding.PKCS1v15(), hashes.SHA256())


def aws_b64(sig):
    return base64.b64encode(sig).decode().translate(str.maketrans("+=/", "-_~"))


def cli(*args, stdin=None):
    r = subprocess.run([BYOIP, *args], capture_output=True, text=True, input=stdin)
    return r.returncode, r.stdout, r.stderr


def cli_verify(message, signature, cert_path):
    code, out, err = cli(
        "verify", "--cert", str(cert_path), "--message", message, "--signature", signature, "--json"
    )
    if code not in (0, 1):
        raise SystemExit(f"byoip verify failed ({code}): {out}{err}")
    return json.loads(out)


# ---- the browser -----------------------------------------------------------------------


def browser(profile):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        raise SystemExit(
            "error: chromium or chromedriver not found; hint: apt-get install chromium chromium-driver (.ci/run installs them)"
        )
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for flag in [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        f"--user-data-dir={profile}",
        "--window-size=1100,1800",
    ]:
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=driver), options=opts)


def set_value(d, element_id, value):
    """Sets a field as a paste would (exact bytes, newlines kept) and fires `input`."""
    d.execute_script(
        "const e = document.getElementById(arguments[0]); e.value = arguments[1];"
        "e.dispatchEvent(new Event('input', {bubbles: true}));",
        element_id,
        value,
    )


def wait_for(d, script, timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        v = d.execute_script(script)
        if v:
            return v
        time.sleep(0.05)
    raise SystemExit(f"timed out waiting for: {script}")


def page_verdict(d, message, signature, cert):
    d.execute_script("document.getElementById('verdict').removeAttribute('data-verdict')")
    set_value(d, "message", message)
    set_value(d, "signature", signature)
    set_value(d, "certificate", cert)
    d.find_element(By.ID, "verify-button").click()
    wait_for(d, "return document.getElementById('verdict').dataset.verdict")
    return d.execute_script(
        """const v = document.getElementById('verdict');
        return {verdict: v.dataset.verdict, role: v.getAttribute('role'),
                text: v.innerText,
                word: v.querySelector('.word') && v.querySelector('.word').textContent,
                diagnosis: [...v.querySelectorAll('.diagnosis li')].map(li => ({
                  id: li.dataset.id, message: li.querySelector('.message').textContent,
                  hint: li.querySelector('.hint').textContent}))};"""
    )


# Elements (by selector) whose content reaches past their own right edge or past the
# container's (`within`): text that runs off the edge. A range over the content measures
# what is drawn, which an element's own box (clipped to the container's width) does not.
OVERFLOWING = """
const [sel, within] = arguments;
const box = document.querySelector(within).getBoundingClientRect();
return [...document.querySelectorAll(sel)].filter((e) => {
  const r = document.createRange();
  r.selectNodeContents(e);
  const drawn = r.getBoundingClientRect().right;
  return drawn > e.getBoundingClientRect().right + 0.5 || drawn > box.right + 0.5 || e.scrollWidth > e.clientWidth;
}).map((e) => e.id || e.dataset.id || e.textContent.slice(0, 60));
"""

# Pairs of elements (by selector) whose boxes, content included, overlap.
OVERLAPPING = """
const boxes = [...document.querySelectorAll(arguments[0])].map((e) => {
  const r = document.createRange();
  r.selectNodeContents(e);
  const a = e.getBoundingClientRect(), b = r.getBoundingClientRect();
  return {id: e.querySelector('[id]').id, left: Math.min(a.left, b.left), right: Math.max(a.right, b.right),
          top: Math.min(a.top, b.top), bottom: Math.max(a.bottom, b.bottom)};
});
const hits = [];
boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
  if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) hits.push([a.id, b.id]);
}));
return hits;
"""


def main():
    if not DIST.joinpath("index.html").exists():
        raise SystemExit(f"error: {DIST}/index.html is missing; hint: run web/build.sh first")
    SHOTS.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="byoip-web-"))
    site = Server(DIST)
    elsewhere = Server(tmp)  # another origin: nothing may ever reach it
    d = browser(tmp / "profile")
    try:
        run(d, site, elsewhere, tmp)
    finally:
        d.quit()
        site.stop()
        elsewhere.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def run(d, site, elsewhere, tmp):
    d.get(site.origin + "/")
    wait_for(d, "return document.body.dataset.ready === 'true'")
    check("the page loads its wasm module", True)

    # ---- a label for every field; the verdict is announced ----
    unlabelled = d.execute_script(
        """return [...document.querySelectorAll('input, textarea, select')]
           .filter(e => !(e.labels && e.labels.length)).map(e => e.id || e.outerHTML);"""
    )
    check("every field has a label", unlabelled == [], unlabelled)
    labels = d.execute_script(
        "return ['message','signature','certificate'].map(i => document.getElementById(i).labels[0].textContent)"
    )
    check("Message, Signature and Certificate are labelled so", labels == ["Message", "Signature", "Certificate"], labels)

    # ---- verdicts against the CLI ----
    key = load_key("demo-key.pem")
    other = load_key("keys/other2048.pem")
    expires = (datetime.date.today() + datetime.timedelta(days=30)).strftime("%Y%m%d")
    message = f"1|aws|123456789012|198.51.100.0/24|{expires}|SHA256|RSAPSS"
    good = aws_b64(pss_sign(key, message.encode()))
    asn_message = f"1|aws|123456789012|64496|{expires}|SHA256|RSAPSS"
    cert = TESTDATA / "demo-cert.pem"
    oneline = TESTDATA / "demo-cert.oneline.txt"
    rdap = tmp / "rdap.json"
    rdap.write_text(
        json.dumps(
            {
                "rdapConformance": ["rdap_level_0"],
                "objectClassName": "ip network",
                "handle": "NET-198-51-100-0-1",
                "startAddress": "198.51.100.0",
                "endAddress": "198.51.100.255",
                "ipVersion": "v4",
                "remarks": [{"title": "Public Comments", "description": oneline.read_text().split("\n")}],
            }
        )
    )
    cases = [
        ("valid", message, good, cert),
        ("tampered", message.replace("198.51.100.0/24", "198.51.101.0/24"), good, cert),
        ("trailing-newline", message, aws_b64(pss_sign(key, (message + "\n").encode())), cert),
        ("standard-base64", message, base64.b64encode(pss_sign(key, message.encode())).decode(), cert),
        ("hex", message, pss_sign(key, message.encode()).hex(), cert),
        ("other-key", message, aws_b64(pss_sign(other, message.encode())), cert),
        ("one-line-certificate", message, good, oneline),
        ("rdap-json-certificate", message, good, rdap),
        ("byoasn", asn_message, aws_b64(pss_sign(key, asn_message.encode())), cert),
        ("byoasn-tampered", asn_message.replace("|64496|", "|64497|"), aws_b64(pss_sign(key, asn_message.encode())), cert),
    ]
    # Azure's three-field message: PKCS#1 v1.5, standard base64, and its mistakes.
    azure_message = f"6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab|130.137.245.0/24|{expires}"
    azure_sig = base64.b64encode(pkcs1_sign(key, azure_message.encode())).decode()
    cases += [
        ("azure", azure_message, azure_sig, cert),
        ("azure-pss", azure_message, base64.b64encode(pss_sign(key, azure_message.encode())).decode(), cert),
        ("azure-aws-alphabet", azure_message, aws_b64(pkcs1_sign(key, azure_message.encode())), cert),
        ("azure-other-key", azure_message, base64.b64encode(pkcs1_sign(other, azure_message.encode())).decode(), cert),
    ]
    trailing_ctx = f'Message="{message}",Signature="{aws_b64(pss_sign(key, (message + chr(10)).encode()))}"'
    cases += [
        ("context", f'Message="{message}",Signature="{good}"', "", cert),
        ("context-trailing-newline", trailing_ctx, "", cert),
    ]
    for name, msg, sig, cert_path in cases:
        if sig == "":
            code, out, err = cli("verify", "--cert", str(cert_path), "--context", msg, "--json")
            want = json.loads(out)
        else:
            want = cli_verify(msg, sig, cert_path)
        got = page_verdict(d, msg, sig, cert_path.read_text())
        want_word = "VALID" if want["valid"] else "INVALID"
        check(f"{name}: the page says {want_word} as the CLI does", got["word"] == want_word, got["text"])
        check(f"{name}: the verdict is in role=status", got["role"] == "status", got["role"])
        want_diag = [{"id": x["id"], "message": x["message"]} for x in want["diagnosis"]]
        got_diag = [{"id": x["id"], "message": x["message"]} for x in got["diagnosis"]]
        check(f"{name}: the same diagnosis ids and texts", got_diag == want_diag, (got["diagnosis"], want_diag))
        # The page speaks the library's words; the CLI turns some of them into its own
        # flags and commands. Where the CLI's hint names none, the two are the same text.
        pairs = list(zip(got["diagnosis"], want["diagnosis"]))
        check(
            f"{name}: the same what-to-do, in the page's words where the CLI names its flags",
            len(pairs) == len(want["diagnosis"])
            and all(
                (g["hint"] == "hint: " + w["hint"]) if not names_cli(w["hint"]) else (g["hint"].startswith("hint: ") and not names_cli(g["hint"]))
                for g, w in pairs
            ),
            (got["diagnosis"], want["diagnosis"]),
        )
        check(f"{name}: the same key", want["spki_sha256"] in got["text"], got["text"])
        codes = {x["code"] for x in want["diagnosis"] if x.get("code")}
        check(f"{name}: the same failure codes", all(c in got["text"] for c in codes), (codes, got["text"]))
        if sig == "":
            # The lint judges the message in the context, not the context's own text.
            lint = d.execute_script(
                """const l = document.getElementById('lint');
                return {ids: [...l.querySelectorAll('li')].map(li => li.dataset.id),
                        errors: l.querySelectorAll('.sev-error').length, text: l.innerText};"""
            )
            inner = msg.split('"')[1]
            _, out, _ = cli("lint", "--json", inner)
            want_ids = [f["id"] for f in json.loads(out)["findings"]]
            check(f"{name}: no lint error for a valid pasted context", lint["errors"] == 0, lint["text"])
            check(f"{name}: the lint is the CLI's on the context's message", lint["ids"] == want_ids, (lint, want_ids))
        if name == "valid":
            d.save_screenshot(str(SHOTS / "valid.png"))
        if name == "trailing-newline":
            d.save_screenshot(str(SHOTS / "invalid.png"))
    check("the cases cover VALID and INVALID", {c[0] for c in cases} >= {"valid", "other-key"})

    # ---- lint as you type, against `byoip lint --json` ----
    linty = f"1|aws|12345678901|198.51.100.0/24|{expires}|SHA256|RSAPSS\n"
    d.execute_script("document.getElementById('lint').replaceChildren()")
    set_value(d, "message", linty)
    wait_for(d, "return document.querySelectorAll('#lint li').length > 0")
    code, out, _ = cli("lint", "--json", linty)
    cli_ids = [f["id"] for f in json.loads(out)["findings"]]
    # The page lints as the user types, so the previous message's findings can show for a
    # moment after the list is cleared: wait (a bounded time) for the list to settle.
    ids_js = "return [...document.querySelectorAll('#lint li')].map(li => li.dataset.id)"
    end = time.time() + 20
    page_ids = d.execute_script(ids_js)
    while page_ids != cli_ids and time.time() < end:
        time.sleep(0.05)
        page_ids = d.execute_script(ids_js)
    check("lint: the page's findings are the CLI's", page_ids == cli_ids and cli_ids, (page_ids, cli_ids))
    # A finding that quotes a long word of the message wraps inside the lint's column.
    long_word = f"1|aws|123456789012|198.51.100.0/24|{expires}|SHA256|RSAPSS" + "A" * 300
    d.execute_script("document.getElementById('lint').replaceChildren()")
    set_value(d, "message", long_word)
    wait_for(d, "return document.querySelectorAll('#lint li').length > 0")
    spill = d.execute_script(OVERFLOWING, "#lint li, #lint li *", "#verify")
    check("lint: a long finding wraps inside the page", spill == [], spill)

    # ---- the certificate, against `byoip inspect --json` ----
    set_value(d, "certificate", cert.read_text())
    wait_for(d, "return document.querySelector('#cert-report dl') !== null")
    report = d.find_element(By.ID, "cert-report").text
    _, out, _ = cli("inspect", "--json", str(cert))
    c = json.loads(out)["certificates"][0]
    for field in ["subject", "spki_sha256", "not_after"]:
        check(f"inspect: the page shows the {field}", c[field] in report, report)
    check("inspect: key size, self-signed and days left", f"{c['key_bits']}-bit" in report and "self-signed" in report
          and f"{c['days_left']} days left" in report, report)
    check("inspect: where it goes at ARIN, RIPE NCC and APNIC", all(r in report for r in ["ARIN", "RIPE NCC", "APNIC"]), report)

    # ---- the Sign form's columns: no help text runs into the next field ----
    for width in (1100, 800):
        d.set_window_size(width, 1800)
        time.sleep(0.3)
        hits = d.execute_script(OVERLAPPING, "#sign-form .grid > .field")
        check(f"sign at {width} px: no field overlaps another", hits == [], hits)
        spill = d.execute_script(OVERFLOWING, "#sign-form .grid > .field, #sign-form .help", "#sign-form")
        check(f"sign at {width} px: no help text runs out of its field", spill == [], spill)
    d.set_window_size(1100, 1800)

    # ---- sign in the page (a key file read by the File API), checked by the CLI ----
    for key_file, passphrase, resource, expires_field, want_cmd in [
        ("demo-key.pem", "", "198.51.100.0/24", "+30d", "aws ec2 provision-byoip-cidr --cidr 198.51.100.0/24"),
        ("keys/pkcs8-aes256.pem", "demo-passphrase", "198.51.100.0/24", "", "aws ec2 provision-byoip-cidr --cidr 198.51.100.0/24"),
        ("demo-key.pem", "", "AS64496", "", "aws ec2 provision-ipam-byoasn --ipam-id"),
    ]:
        d.execute_script("document.getElementById('sign-result').replaceChildren()")
        for i, v in [("account", "123456789012"), ("cidr", resource), ("expires", expires_field), ("passphrase", passphrase)]:
            d.find_element(By.ID, i).clear()
            d.find_element(By.ID, i).send_keys(v)
        d.find_element(By.ID, "key").send_keys(str(TESTDATA / key_file))
        d.find_element(By.ID, "sign-button").click()
        ctx = wait_for(d, "const c = document.getElementById('context'); return c && c.textContent", timeout=60)
        code, out, err = cli("verify", "--cert", str(cert), "--context", ctx, "--json")
        name = f"sign ({key_file}, {resource})"
        check(f"{name}: the page's context verifies with the CLI", code == 0 and json.loads(out)["valid"], out + err)
        cmds = d.find_element(By.ID, "sign-result").text
        check(f"{name}: the provisioning command", want_cmd in cmds, cmds)
        check(f"{name}: no trace of the key or passphrase in the page",
              "PRIVATE KEY" not in d.page_source and (not passphrase or d.page_source.count(passphrase) == 0))
        if resource.startswith("198") and not passphrase:
            d.find_element(By.ID, "sign").screenshot(str(SHOTS / "sign.png"))
    # Azure: PKCS#1 v1.5 is deterministic, so the page's signature is the CLI's, byte for byte.
    d.execute_script("document.getElementById('sign-result').replaceChildren()")
    d.find_element(By.ID, "sign-cloud").send_keys("Azure")
    for i, v in [("account", "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab"), ("cidr", "130.137.245.0/24"),
                 ("expires", expires), ("passphrase", "")]:
        d.find_element(By.ID, i).clear()
        d.find_element(By.ID, i).send_keys(v)
    d.find_element(By.ID, "key").send_keys(str(TESTDATA / "demo-key.pem"))
    d.find_element(By.ID, "sign-button").click()
    page_sig = wait_for(d, "const c = document.getElementById('signed-signature'); return c && c.textContent", timeout=60)
    code, out, err = cli("sign", "--key", str(TESTDATA / "demo-key.pem"), "--message", azure_message, "--format", "signature")
    check("sign (Azure): the page's signature is the CLI's, byte for byte", page_sig == out.strip() and code == 0, (page_sig, out, err))
    text = d.find_element(By.ID, "sign-result").text
    check("sign (Azure): the az command", "az network custom-ip prefix create" in text and "--signed-message" in text, text)
    check("sign (Azure): no AWS context", d.execute_script("return document.getElementById('context') === null"))
    d.find_element(By.ID, "expires").clear()
    d.find_element(By.ID, "sign-button").click()
    err = wait_for(d, "const e = document.querySelector('#sign-result .error'); return e && e.textContent", timeout=60)
    check("sign (Azure): no expiry asks for the ROA's validity end", "validity end" in err, err)
    d.find_element(By.ID, "sign-cloud").send_keys("AWS")
    d.find_element(By.ID, "account").clear()
    d.find_element(By.ID, "account").send_keys("123456789012")
    d.find_element(By.ID, "cidr").clear()
    d.find_element(By.ID, "cidr").send_keys("198.51.100.0/24")
    d.find_element(By.ID, "passphrase").clear()
    d.find_element(By.ID, "key").send_keys(str(TESTDATA / "keys/pkcs8-aes256.pem"))
    d.find_element(By.ID, "sign-button").click()
    err = wait_for(d, "const e = document.querySelector('#sign-result .error'); return e && e.textContent", timeout=60)
    check("sign: an encrypted key without a passphrase asks for it", "passphrase" in err.lower(), err)

    # ---- dns-token plan, against `byoip dns-token plan --json` ----
    token = TESTDATA / "dns-token" / "create-token.json"
    set_value(d, "dns-cidr", "198.18.12.0/22")
    set_value(d, "token-json", token.read_text())
    d.find_element(By.ID, "dns-button").click()
    wait_for(d, "return document.querySelector('#dns-result table') !== null")
    page_names = d.execute_script("return [...document.querySelectorAll('#dns-result tbody tr td:first-child')].map(t => t.textContent)")
    _, out, err = cli("dns-token", "plan", "--cidr", "198.18.12.0/22", "--token-file", str(token), "--json")
    want = [r["name"] + "." for r in json.loads(out)["records"]]
    check("dns-token: the page plans the CLI's records", page_names == want and len(want) == 4, (page_names, want))
    page_values = d.execute_script("return [...document.querySelectorAll('#dns-result tbody tr td:nth-child(3)')].map(t => t.textContent)")
    _, zone, _ = cli("dns-token", "plan", "--cidr", "198.18.12.0/22", "--token-file", str(token))
    zone_values = [line.split(" IN TXT ", 1)[1] for line in zone.splitlines() if " IN TXT " in line]
    check("dns-token: each value quoted as the CLI's zone file quotes it", page_values == zone_values and zone_values,
          (page_values, zone_values))
    d.set_window_size(1100, 2600)
    d.find_element(By.ID, "dns-token").screenshot(str(SHOTS / "dns-token.png"))
    d.set_window_size(1100, 1800)

    # ---- keyboard only: Tab to the fields, type, Enter on Verify ----
    d.get(site.origin + "/")
    wait_for(d, "return document.body.dataset.ready === 'true'")
    def press(*keys):
        ActionChains(d).send_keys(*keys).perform()

    order = []
    for _ in range(12):
        press(Keys.TAB)
        order.append(d.execute_script("return document.activeElement.id || document.activeElement.tagName"))
        if order[-1] == "message":
            break
    check("keyboard: Tab reaches the Message field", order[-1] == "message", order)
    press(message, Keys.TAB, good, Keys.TAB)
    set_value(d, "certificate", cert.read_text())  # a PEM typed key by key is no test of anything
    for _ in range(6):
        press(Keys.TAB)
        if d.execute_script("return document.activeElement.id") == "verify-button":
            break
    check("keyboard: Tab reaches the Verify button", d.execute_script("return document.activeElement.id") == "verify-button")
    press(Keys.ENTER)
    word = wait_for(d, "const w = document.querySelector('#verdict .word'); return w && w.textContent")
    check("keyboard: Enter on Verify gives the verdict", word == "VALID", word)

    # ---- phone width ----
    d.set_window_size(390, 1600)
    time.sleep(0.3)
    overflow = d.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    check("phone width: nothing wider than the screen", overflow <= 0, overflow)
    d.save_screenshot(str(SHOTS / "phone.png"))
    d.set_window_size(1100, 1800)

    # ---- nothing leaves the page ----
    urls = []
    for entry in d.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        # Requests of the browser's own pages (its new-tab page at start, chrome://…
        # documents) are not the page's; everything else is counted.
        if msg["method"] == "Network.requestWillBeSent" and not msg["params"].get("documentURL", "").startswith("chrome://"):
            urls.append(msg["params"]["request"]["url"])
    foreign = [u for u in urls if not u.startswith(site.origin + "/")]
    check("every request the page made went to its own origin", urls and foreign == [], foreign)
    check("the page fetched its own files", any(u.endswith("/byoip_web_bg.wasm") for u in urls), urls)
    # Then try to make it send something elsewhere, as injected code would.
    blocked = d.execute_async_script(
        """const done = arguments[arguments.length - 1];
        fetch(arguments[0] + '/leak?x=1').then(() => done('sent'), (e) => done('refused: ' + e));""",
        elsewhere.origin,
    )
    d.execute_script("const i = new Image(); i.src = arguments[0] + '/pixel.gif';", elsewhere.origin)
    time.sleep(0.5)
    check("CSP: a fetch to another origin is refused", blocked.startswith("refused"), blocked)
    check("CSP: nothing reached the other origin", elsewhere.paths == [], elsewhere.paths)
    errors = [e["message"] for e in d.get_log("browser") if e["level"] == "SEVERE" and "leak" not in e["message"] and "pixel.gif" not in e["message"]]
    check("no errors in the console", errors == [], errors)
    d.save_screenshot(str(SHOTS / "page.png"))


if __name__ == "__main__":
    main()
    print(f"{passed} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)
