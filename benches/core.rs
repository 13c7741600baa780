//! What users wait for: building and parsing the message, signing, verifying, reading a
//! certificate, and finding certificates in an RDAP record. `cargo bench`.
//! (Whole commands against the openssl pipeline: compare-openssl/run.sh.)
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use byoip::{
    AccountId, AuthorizationMessage, Cloud, ExpiryDate, Prefix,
    certificate::Certificate,
    key::SigningKey,
    rdap::{IpNetwork, certificates},
    signature,
};
use criterion::{Criterion, criterion_group, criterion_main};

const KEY: &[u8] = include_bytes!("../testdata/demo-key.pem");
const CERT_PEM: &[u8] = include_bytes!("../testdata/demo-cert.pem");
const CERT_LINE: &[u8] = include_bytes!("../testdata/demo-cert.oneline.txt");
const RDAP: &[u8] = include_bytes!("../testdata/rdap/synthetic/arin-good.json");
const MSG: &str = "1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS";

fn message(c: &mut Criterion) {
    let account: AccountId = "123456789012".parse().unwrap();
    let prefix: Prefix = "198.51.100.0/24".parse().unwrap();
    let expires: ExpiryDate = "20271231".parse().unwrap();
    c.bench_function("message build", |b| {
        b.iter(|| {
            AuthorizationMessage::new(black_box(account), black_box(prefix), black_box(expires))
                .to_string()
        })
    });
    c.bench_function("message parse", |b| {
        b.iter(|| black_box(MSG).parse::<AuthorizationMessage>().unwrap())
    });
}

fn crypto(c: &mut Criterion) {
    let (key, _) = SigningKey::from_bytes(KEY, byoip::key::Passphrase::None).unwrap();
    let msg: AuthorizationMessage = MSG.parse().unwrap();
    let signed = signature::sign(&key, &msg).unwrap();
    c.bench_function("key load (PKCS#8)", |b| {
        b.iter(|| SigningKey::from_bytes(black_box(KEY), byoip::key::Passphrase::None).unwrap())
    });
    c.bench_function("sign (RSA-2048 PSS, blinded)", |b| {
        b.iter(|| signature::sign(&key, black_box(&msg)).unwrap())
    });
    // A service verifying contexts it receives: a bad signature (here over another message,
    // the costliest kind, a full RSA verification) should cost what a good one does.
    let other: AuthorizationMessage = MSG.replace("20271231", "20271230").parse().unwrap();
    let bad = signature::sign(&key, &other).unwrap().signature;
    for (name, sig) in [("good", &signed.signature), ("bad", &bad)] {
        c.bench_function(&format!("verify_strict ({name} signature)"), |b| {
            b.iter(|| {
                signature::verify_strict(
                    Cloud::Aws,
                    key.verifying_key(),
                    black_box(MSG.as_bytes()),
                    black_box(sig),
                )
            })
        });
    }
    // The explanation, on request: one verification when good, the search when bad.
    for (name, sig) in [("good", &signed.signature), ("bad", &bad)] {
        c.bench_function(&format!("diagnose ({name} signature)"), |b| {
            b.iter(|| {
                signature::diagnose(
                    Cloud::Aws,
                    key.verifying_key(),
                    black_box(MSG.as_bytes()),
                    black_box(sig),
                    &[],
                )
            })
        });
    }
}

fn documents(c: &mut Criterion) {
    c.bench_function("certificate parse (PEM)", |b| {
        b.iter(|| Certificate::from_bytes(black_box(CERT_PEM)).unwrap())
    });
    c.bench_function("certificate parse (one line)", |b| {
        b.iter(|| Certificate::from_bytes(black_box(CERT_LINE)).unwrap())
    });
    c.bench_function("RDAP record parse + certificate extraction", |b| {
        b.iter(|| {
            let n = IpNetwork::from_json(black_box(RDAP), "bench").unwrap();
            certificates(&n).len()
        })
    });
}

criterion_group!(benches, message, crypto, documents);
criterion_main!(benches);
