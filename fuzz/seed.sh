#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seeds from testdata/ and fuzz/seeds/ (corpora are not
# committed; the seeds and this script are).
set -euo pipefail
cd "$(dirname "$0")"
T=../testdata
put() { local target=$1; shift; mkdir -p "corpus/$target"; for f in "$@"; do [ -f "$f" ] && cp -f "$f" "corpus/$target/$(echo "${f#../}" | tr '/' '_')"; done; true; }
put message $T/alkira/message.txt $T/aws-doc-signatures/*.message.txt seeds/message/*
put message_roundtrip
put context seeds/context/*
put signature_text $T/alkira/signature.aws-b64.txt $T/aws-doc-signatures/*.signature.aws-b64.txt
put key $T/demo-key.pem $T/keys/*.pem $T/keys/*.der
put certificate $T/demo-cert.pem $T/demo-cert.oneline.txt $T/keys/*cert*.pem $T/alkira/public_key.oneline.txt
put rdap $T/rdap/*.json $T/rdap/synthetic/*.json
put bootstrap seeds/bootstrap/*
put vrps $T/vrp/100.* $T/vrp/110.json $T/vrp/synthetic-aws.csv
put validator seeds/validator/*
put manifest seeds/manifest/*
put contexts seeds/contexts/*
put ripedb $T/ripedb/*.json $T/rdap/synthetic/ripe-*.json
echo "seeded: $(ls corpus | tr '\n' ' ')"
