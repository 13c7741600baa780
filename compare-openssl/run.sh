#!/usr/bin/env bash
# Times whole byoip commands against AWS's documented openssl pipeline, on the same key and
# machine. (The library's micro-benchmarks are criterion's, in benches/: `cargo bench`.)
# Needs hyperfine (Debian: apt-get install hyperfine), openssl and python3.
#
#   compare-openssl/run.sh            # full run (about 3 minutes on 2 cores)
#   RUNS=3 compare-openssl/run.sh     # fewer runs of the slow 1,000-prefix loops
#
# Writes compare-openssl/results.md and prints each target with its measured ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in hyperfine openssl python3; do
  command -v "$tool" >/dev/null || { echo "error: $tool is not installed; hint: apt-get install $tool" >&2; exit 2; }
done
RUNS=${RUNS:-5}
cargo build --release --quiet
B=$PWD/target/release/byoip
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cp testdata/demo-key.pem testdata/demo-cert.pem "$W/"
chmod 600 "$W/demo-key.pem"
cd "$W"

# 1,000 distinct /24s and a manifest for them.
python3 - <<'PY'
cidrs = [f"23.{i // 256}.{i % 256}.0/24" for i in range(1000)]
open("cidrs.txt", "w").write("\n".join(cidrs) + "\n")
with open("byoip.toml", "w") as f:
    f.write('account = "123456789012"\nkey = "demo-key.pem"\ncert = "demo-cert.pem"\nexpires = "+30d"\n')
    for c in cidrs:
        f.write(f'\n[[prefix]]\ncidr = "{c}"\n')
PY
"$B" batch sign --out contexts.json 2>/dev/null
MSG=$("$B" message --account 123456789012 --cidr 23.0.0.0/24 --expires +30d)

# AWS's pipeline ("Prerequisites for BYOIP in Amazon EC2"), salt length fixed to 32 as
# byoip signs.
cat > pipeline.sh <<SH
text_message="\$1"
echo -n "\$text_message" | openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 -sign demo-key.pem -keyform PEM | openssl base64 | tr -- '+=/' '-_~' | tr -d "\n"
SH
cat > loop.sh <<SH
while read -r c; do bash pipeline.sh "1|aws|123456789012|\$c|20271231|SHA256|RSAPSS"; echo; done < cidrs.txt
SH

# -N: no intermediate shell, so each command is timed as a user runs it. The pipeline is a
# shell script by nature, so its bash is part of its cost, as it is for anyone who runs it.
hyperfine -N --warmup 10 --runs 100 --export-json one.json \
  -n "byoip sign" "$B sign --key demo-key.pem --message '$MSG' --format signature" \
  -n "openssl pipeline" "bash pipeline.sh '$MSG'"
hyperfine -N --warmup 1 --runs "$RUNS" --export-json thousand.json \
  -n "byoip batch sign (1000)" "$B batch sign --format json" \
  -n "byoip batch sign --jobs 1 (1000)" "$B batch sign --jobs 1 --format json" \
  -n "openssl pipeline loop (1000)" "bash loop.sh"
hyperfine -N --warmup 2 --runs 20 --export-json verify.json \
  -n "byoip batch verify (1000)" "$B batch verify --cert demo-cert.pem --input contexts.json"

python3 - "$OLDPWD/compare-openssl/results.md" <<'PY'
import json, os, platform, sys
def load(f): return {r["command"]: r for r in json.load(open(f))["results"]}
one, k, v = load("one.json"), load("thousand.json"), load("verify.json")
m = lambda r: r["mean"]
rows = [(n, r) for d in (one, k, v) for n, r in d.items()]
single = m(one["openssl pipeline"]) / m(one["byoip sign"])
batch = m(k["openssl pipeline loop (1000)"]) / m(k["byoip batch sign (1000)"])
cores = m(k["byoip batch sign --jobs 1 (1000)"]) / m(k["byoip batch sign (1000)"])
out = ["| command | mean | ± σ |", "| --- | --- | --- |"]
out += [f"| {n} | {m(r)*1000:.1f} ms | {r['stddev']*1000:.1f} ms |" for n, r in rows]
out += ["", f"cores: {os.cpu_count()}, {platform.machine()}", "",
        f"- one signature: byoip is {single:.2f}x faster than the pipeline (target: at least 2x) — {'met' if single >= 2 else 'NOT met'}",
        f"- 1,000 signatures: byoip batch sign is {batch:.1f}x faster than the shell loop (target: at least 5x) — {'met' if batch >= 5 else 'NOT met'}",
        f"- all cores vs --jobs 1: {cores:.2f}x (target on 2 cores: at least 1.8x) — {'met' if cores >= 1.8 else 'NOT met'}",
        f"- 1,000 verifications: {m(v['byoip batch verify (1000)'])*1000:.0f} ms"]
text = "\n".join(out) + "\n"
open(sys.argv[1], "w").write(text)
print(text)
PY
