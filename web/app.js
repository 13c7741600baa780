// The page's glue: reads the fields, calls the byoip library compiled to WebAssembly
// (byoip_web.js, written by wasm-bindgen), and shows its JSON answers. Every verdict, id
// and text comes from the library; this file only lays them out. Nothing is sent
// anywhere, stored, or kept after a call: the page's Content-Security-Policy forbids
// requests to anything but its own files.
import init, * as byoip from "./byoip_web.js";

const $ = (id) => document.getElementById(id);

// Builds an element with text (never HTML: pasted input is shown as text).
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

function errorBox(r) {
  return el("div", { class: "error" },
    el("p", {}, el("strong", {}, "error: "), r.error),
    r.hint ? el("p", { class: "hint" }, "hint: ", r.hint) : null);
}

// One lint finding as the CLI prints it: severity, id, message, hint.
function finding(f) {
  return el("li", { class: "finding sev-" + f.severity, "data-id": f.id },
    el("span", { class: "sev" }, f.severity), " ",
    el("code", { class: "id" }, f.id), ": ", f.message,
    f.code ? el("span", { class: "code" }, ` (failure code ${f.code})`) : null,
    el("div", { class: "hint" }, "hint: ", f.hint));
}

// The scheme a valid signature was checked under, by the message's cloud.
const SCHEME = {
  aws: "RSASSA-PSS, SHA-256, MGF1-SHA-256, salt 32",
  azure: "RSASSA-PKCS1-v1_5, SHA-256, standard base64: Azure's",
};
const VENDOR = { aws: "AWS", azure: "Azure" };

function findings(list) {
  return el("ul", { class: "findings" }, ...list.map(finding));
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

// ---- Verify, lint and inspect: one set of fields --------------------------------------

function renderVerdict(r) {
  const out = $("verdict");
  out.replaceChildren();
  out.className = "verdict";
  if (r.error) {
    out.classList.add("bad");
    out.dataset.verdict = "error";
    out.append(errorBox(r));
    return;
  }
  out.dataset.verdict = r.valid ? "valid" : "invalid";
  out.classList.add(r.valid ? "good" : "bad");
  const word = el("span", { class: "word" }, r.valid ? "VALID" : "INVALID");
  const what = r.valid
    ? `the signature verifies under RSA-${r.key_bits} key ${r.spki_sha256} (${SCHEME[r.cloud] || SCHEME.aws})`
    : `the signature does not verify under RSA-${r.key_bits} key ${r.spki_sha256}`;
  out.append(el("p", { class: "headline" }, word, " ", el("span", { class: "what" }, what)));
  if (r.diagnosis.length) {
    out.append(el("ul", { class: "diagnosis" }, ...r.diagnosis.map((d) =>
      el("li", { "data-id": d.id },
        el("span", { class: "why" }, "why (", el("code", { class: "id" }, d.id),
          d.code ? `; ${VENDOR[r.cloud] || "AWS"} reports ${d.code}` : "", "): "),
        el("span", { class: "message" }, d.message),
        el("div", { class: "hint" }, "hint: ", d.hint)))));
  }
  const c = r.certificate;
  if (c && c.expired) {
    out.append(el("p", { class: "warn" }, `certificate: the certificate expired on ${c.not_after}: ${VENDOR[r.cloud] || "AWS"} will not accept it`));
  } else if (c && c.not_yet_valid) {
    out.append(el("p", { class: "warn" }, `certificate: the certificate is not valid before ${c.not_before}`));
  }
  if (r.from_context) out.append(el("p", { class: "note" }, "read the message and signature from the context in the Message field"));
  if (r.found_in) out.append(el("p", { class: "note" }, `using the certificate in the ${r.found_in}`));
}

function renderLint() {
  const msg = $("message").value;
  const out = $("lint");
  out.replaceChildren();
  if (msg === "") {
    out.append(el("p", { class: "muted" }, "Type or paste a message."));
    return;
  }
  const r = JSON.parse(byoip.lint_message(msg, $("signature").value, $("service").value, !$("no-advertise").checked, Date.now()));
  if (r.error) {
    out.dataset.ok = "false";
    out.append(errorBox(r));
    return;
  }
  out.dataset.ok = String(r.ok);
  if (r.from_context) out.append(el("p", { class: "note" }, "the message in the context pasted in the Message field:"));
  if (r.ok) out.append(el("p", { class: "good" }, `clean: a message ${VENDOR[r.cloud] || "AWS"} documents`));
  else {
    out.append(el("p", {}, plural(r.findings.length, "problem", "problems") + ", independent of the signature:"));
    out.append(findings(r.findings));
  }
}

function dl(rows) {
  const d = el("dl");
  for (const [k, v] of rows) {
    if (v === null || v === undefined) continue;
    d.append(el("dt", {}, k), el("dd", {}, v));
  }
  return d;
}

function renderCertificate() {
  const text = $("certificate").value;
  const out = $("cert-report");
  out.replaceChildren();
  if (text.trim() === "") {
    out.append(el("p", { class: "muted" }, "Paste a certificate in the Certificate field above."));
    return;
  }
  const r = JSON.parse(byoip.inspect_certificate(text, Date.now()));
  if (r.error) { out.append(errorBox(r)); return; }
  r.certificates.forEach((c, i) => {
    const box = el("div", { class: "cert" });
    if (r.certificates.length > 1) box.append(el("h3", {}, `Certificate ${i + 1}`));
    if (c.error) {
      box.append(dl([["found in", c.found_in]]), errorBox({ error: `unreadable: ${c.error}` }));
      out.append(box);
      return;
    }
    const state = c.expired
      ? el("span", { class: "bad" }, `EXPIRED ${plural(-c.days_left, "day", "days")} ago`)
      : c.not_yet_valid
        ? el("span", { class: "warn" }, `not valid yet (from ${c.not_before})`)
        : el("span", { class: "good" }, `valid, ${plural(c.days_left, "day", "days")} left`);
    const selfSigned = c.self_signed
      ? el("span", { class: "good" }, "yes")
      : el("span", { class: "warn" }, "no (AWS asks for a self-signed certificate)");
    box.append(dl([
      ["found in", c.found_in ? `the ${c.found_in}` : null],
      ["subject", c.subject],
      ["issuer", c.issuer],
      ["validity", el("span", {}, `${c.not_before} .. ${c.not_after} (`, state, ")")],
      ["key", `${c.key_algorithm}${c.key_bits ? ` ${c.key_bits}-bit` : ""}`],
      ["SPKI SHA-256", el("code", {}, c.spki_sha256 || "-")],
      ["signature", c.signature_algorithm],
      ["self-signed", selfSigned],
    ]));
    box.append(el("h3", {}, "Where it goes"));
    box.append(el("p", {}, "The one-line form to publish in the registry record:"));
    box.append(el("pre", { class: "copy", tabindex: "0" }, c.one_line));
    box.append(el("ul", { class: "registries" }, ...r.registries.map((g) =>
      el("li", { class: g.supported ? "" : "muted" }, el("strong", {}, g.registry), ": ", g.where))));
    out.append(box);
  });
}

function verifyNow() {
  const message = $("message").value;
  const signature = $("signature").value;
  const certificate = $("certificate").value;
  if (message === "" && signature.trim() === "" && certificate.trim() === "") {
    $("verdict").replaceChildren();
    delete $("verdict").dataset.verdict;
    return;
  }
  // A whole context (Message="…",Signature="…") may stand in the Message field alone.
  const context = /^\s*(message=|--(cidr|asn)-authorization-context|\{)/i.test(message);
  const noSignature = signature.trim() === "" && !context;
  if (noSignature || certificate.trim() === "" || message === "") {
    const missing = [["Message", message === ""], ["Signature", noSignature], ["Certificate", certificate.trim() === ""]]
      .filter(([, m]) => m).map(([n]) => n);
    $("verdict").className = "verdict";
    $("verdict").dataset.verdict = "incomplete";
    $("verdict").replaceChildren(el("p", { class: "muted" }, `Give the ${missing.join(" and ")} to get a verdict.`));
    return;
  }
  renderVerdict(JSON.parse(byoip.verify(message, signature, certificate, Date.now())));
}

// As you type: a short pause so a long paste is judged once.
function debounce(f, ms) {
  let t;
  return () => { clearTimeout(t); t = setTimeout(f, ms); };
}

// ---- Sign ------------------------------------------------------------------------------

async function signNow() {
  const out = $("sign-result");
  out.replaceChildren(el("p", { class: "muted" }, "Signing…"));
  const file = $("key").files[0];
  // Read afresh for each signature and dropped when the call returns: never stored.
  let key = file ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
  // Let the browser paint "Signing…": decrypting a key can take a few seconds.
  await new Promise((r) => setTimeout(r, 20));
  const r = JSON.parse(byoip.sign(key, $("passphrase").value, $("sign-cloud").value, $("account").value, $("cidr").value,
    $("expires").value, $("sign-service").value, !$("sign-no-advertise").checked, Date.now()));
  key.fill(0);
  key = null;
  out.replaceChildren();
  if (r.error) {
    out.append(errorBox(r));
    if (r.lint && r.lint.length) out.append(findings(r.lint));
    return;
  }
  if (r.rewritten) {
    out.append(el("p", { class: "note" }, r.asn !== null
      ? `ASN written as ${r.asn}, the bare decimal of AWS's examples`
      : `CIDR written in canonical form as ${r.cidr}`));
  }
  if (r.lint.length) out.append(findings(r.lint));
  out.append(dl([
    ["Message", el("code", { id: "signed-message" }, r.message)],
    ["Signature", el("code", { class: "wrap", id: "signed-signature" }, r.signature)],
    ["Key", `RSA-${r.key_bits}, SPKI SHA-256 ${r.spki_sha256}`],
  ]));
  if (r.context) {
    out.append(el("h3", {}, "Context"));
    out.append(el("pre", { class: "copy", tabindex: "0", id: "context" }, r.context));
  }
  out.append(el("h3", {}, r.cloud === "azure" ? "Create the custom IP prefix" : "Provision it"));
  for (const c of r.commands) {
    out.append(el("p", { class: c.selected ? "" : "muted" }, `# ${c.title}`));
    out.append(el("pre", { class: "copy", tabindex: "0" }, c.command));
  }
}

// ---- dns-token -------------------------------------------------------------------------

function planNow() {
  const out = $("dns-result");
  const r = JSON.parse(byoip.plan_dns_token($("dns-cidr").value, $("token-json").value, $("token-id").value,
    $("token-name").value, $("token-value").value, Date.now()));
  out.replaceChildren();
  if (r.error) { out.append(errorBox(r)); return; }
  if (r.lint.length) out.append(findings(r.lint));
  out.append(el("p", {}, `${r.cidr}: ${plural(r.count, "TXT record", "TXT records")}, one per /${r.aligned_len}`));
  const table = el("table", {},
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Name"), el("th", { scope: "col" }, "Type"),
      el("th", { scope: "col" }, "Value"), el("th", { scope: "col" }, "Zone"))),
    el("tbody", {}, ...r.records.map((x) => el("tr", {},
      el("td", {}, el("code", {}, x.name + ".")), el("td", {}, x.type),
      el("td", {}, el("code", {}, `"${x.value}"`)), el("td", {}, x.zone + ".")))));
  out.append(el("div", { class: "scroll", tabindex: "0" }, table));
  out.append(el("h3", {}, "Then provision it"));
  out.append(el("pre", { class: "copy", tabindex: "0" }, r.command));
}

// ---- Start -----------------------------------------------------------------------------

async function main() {
  try {
    await init();
  } catch (e) {
    $("loading").textContent = `The WebAssembly module did not load (${e}). Serve this folder over HTTP, e.g. python3 -m http.server.`;
    return;
  }
  $("loading").textContent = "";
  $("loading").hidden = true;
  $("version").textContent = byoip.version();
  document.body.dataset.ready = "true";

  const live = debounce(() => { renderLint(); verifyNow(); }, 150);
  $("message").addEventListener("input", live);
  // The signature decides whether a context in Message is read as one, for the lint too.
  $("signature").addEventListener("input", debounce(() => { renderLint(); verifyNow(); }, 150));
  $("certificate").addEventListener("input", debounce(() => { verifyNow(); renderCertificate(); }, 150));
  $("service").addEventListener("change", renderLint);
  $("no-advertise").addEventListener("change", renderLint);
  $("verify-form").addEventListener("submit", (e) => { e.preventDefault(); renderLint(); renderCertificate(); verifyNow(); });
  $("sign-form").addEventListener("submit", (e) => { e.preventDefault(); signNow(); });
  $("dns-form").addEventListener("submit", (e) => { e.preventDefault(); planNow(); });
  renderLint();
  renderCertificate();
}

main();
