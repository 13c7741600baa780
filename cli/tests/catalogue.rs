//! The bad-input catalogue: malformed input to every parser and every
//! subcommand's arguments. Each row pins the exit code; that stderr ends in one line
//! saying what is wrong and what to do (`error: …; hint: …`, clap's usage errors too); that
//! nothing panicked; and that no output file was left behind.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
    process::Stdio,
};

use common::{MSG, tempdir, testdata};

/// One malformed input and what byoip must do with it.
struct Row {
    /// The arguments, with placeholders for files ([`expand`]).
    args: &'static [&'static str],
    /// What standard input holds, when the command reads it.
    stdin: Option<fn() -> Vec<u8>>,
    code: i32,
    needle: &'static str,
    /// Whether the command would write `@out`, which must not exist afterwards.
    no_file: bool,
}

const fn row(args: &'static [&'static str], code: i32, needle: &'static str) -> Row {
    Row {
        args,
        stdin: None,
        code,
        needle,
        no_file: false,
    }
}

/// The file a row's command would write (`@out`).
const OUT: &str = "new-out.pem";

fn sig() -> String {
    "A".repeat(342) + "__"
}

/// A row's argument with its placeholder filled: `@key`, `@enc` (an encrypted key), `@cert`
/// (the demo certificate), `@sig` (a signature of the right length; `@sig[..100]` its
/// start), `@out` ([`OUT`]),
/// `@msg\n` (MSG and a newline), `@t/PATH` (under testdata/), `@f/NAME` (of [`Files`]).
fn expand(arg: &str, f: &Files) -> String {
    match arg {
        "@key" => t("keys/pkcs8.pem"),
        "@enc" => t("keys/pkcs8-aes256.pem"),
        "@cert" => t("demo-cert.pem"),
        "@sig" => sig(),
        "@sig[..100]" => sig()[..100].to_string(),
        "@out" => f.p(OUT),
        "@msg\n" => format!("{MSG}\n"),
        _ => match (arg.strip_prefix("@t/"), arg.strip_prefix("@f/")) {
            (Some(path), _) => t(path),
            (_, Some(name)) => f.p(name),
            _ => arg.to_string(),
        },
    }
}

fn t(p: &str) -> String {
    testdata(p).to_str().unwrap().to_string()
}

/// Files every row may use, in a fresh folder.
struct Files {
    dir: PathBuf,
}

impl Files {
    fn p(&self, name: &str) -> String {
        self.dir.join(name).to_str().unwrap().to_string()
    }

    fn make(dir: &Path) -> Files {
        let w = |name: &str, data: &[u8]| fs::write(dir.join(name), data).unwrap();
        let key = fs::read_to_string(testdata("keys/pkcs8.pem")).unwrap();
        w("empty", b"");
        w(
            "garbage.bin",
            &(0u32..4096)
                .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
                .collect::<Vec<_>>(),
        );
        w("truncated-key.pem", &key.as_bytes()[..key.len() / 2]);
        w(
            "no-end.pem",
            key.replace("-----END PRIVATE KEY-----", "").as_bytes(),
        );
        w("bad-b64-key.pem", key.replacen("MII", "M*I", 1).as_bytes());
        w(
            "latin1.txt",
            b"1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPS\xc9",
        );
        w(
            "msg-newline.txt",
            b"1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS\n",
        );
        w("wrong-pass.txt", b"not the passphrase");
        w("not-json.json", b"{\"roas\": [");
        w("list.json", b"[1, 2, 3]");
        w(
            "rdap-error.json",
            br#"{"errorCode": 404, "title": "Not Found"}"#,
        );
        w("bootstrap-empty.json", br#"{"services": []}"#);
        w(
            "vrps-bad-row.csv",
            b"ASN,IP Prefix,Max Length\nAS16509,10.0.0.0/8,4\n",
        );
        w(
            "vrps-bad-asn.csv",
            b"ASN,IP Prefix,Max Length\nASx,10.0.0.0/8,8\n",
        );
        w("unknown.csv", b"a,b,c\n1,2,3\n");
        w("bgpd-bad.txt", b"roa-set {\n 10.0.0.0/8 maxlen 8\n}\n");
        w("contexts-bad.json", br#"[{"cidr": "192.0.2.0/24"}]"#);
        w("ctx-obj.json", br#"{"no": "list"}"#);
        w(
            "cert-truncated.pem",
            &fs::read(testdata("demo-cert.pem")).unwrap()[..400],
        );
        // A 1 GB file that costs nothing on disk: refused by its size, without reading it.
        fs::File::create(dir.join("huge.bin"))
            .unwrap()
            .set_len(1 << 30)
            .unwrap();
        fs::create_dir(dir.join("a-dir")).unwrap();
        std::os::unix::fs::symlink("loop", dir.join("loop")).unwrap();
        let man = |name: &str, body: &str| {
            fs::write(
                dir.join(name),
                format!(
                    "key = \"{}\"\ncert = \"{}\"\n{body}",
                    t("keys/pkcs8.pem"),
                    t("demo-cert.pem")
                ),
            )
            .unwrap();
        };
        man(
            "m-unknown.toml",
            "colour = \"blue\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n",
        );
        man(
            "m-overlap.toml",
            "account = \"123456789012\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n[[prefix]]\ncidr = \"192.0.0.0/16\"\n",
        );
        man(
            "m-dup.toml",
            "account = \"123456789012\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n",
        );
        man(
            "m-hostbits.toml",
            "account = \"123456789012\"\n[[prefix]]\ncidr = \"192.0.2.1/24\"\n",
        );
        man("m-noaccount.toml", "[[prefix]]\ncidr = \"192.0.2.0/24\"\n");
        man(
            "m-badaccount.toml",
            "account = \"1234\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n",
        );
        man(
            "m-baddate.toml",
            "account = \"123456789012\"\nexpires = \"2026-02-30\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n",
        );
        man(
            "m-badservice.toml",
            "account = \"123456789012\"\nservice = \"lambda\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n",
        );
        man("m-noprefix.toml", "account = \"123456789012\"\n");
        man("m-syntax.toml", "account = \"123456789012\n[[prefix]]\n");
        man(
            "m-wrongtype.toml",
            "account = 123456789012\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n",
        );
        man(
            "m-too-small.toml",
            "account = \"123456789012\"\n[[prefix]]\ncidr = \"192.0.2.0/25\"\n",
        );
        man(
            "m-ok.toml",
            "account = \"123456789012\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n",
        );
        man(
            "m-past.toml",
            "account = \"123456789012\"\nexpires = \"20200101\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n",
        );
        fs::write(dir.join("m-nokey.toml"), "account = \"123456789012\"\nkey = \"missing.pem\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n").unwrap();
        fs::write(
            dir.join("m-nocert.toml"),
            "account = \"123456789012\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n",
        )
        .unwrap();
        fs::write(dir.join("m-mismatch.toml"), format!("account = \"123456789012\"\nkey = \"{}\"\ncert = \"{}\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n", t("keys/other2048.pem"), t("demo-cert.pem"))).unwrap();
        fs::write(
            dir.join("m-latin1.toml"),
            b"account = \"12345678901\xe9\"\n",
        )
        .unwrap();
        fs::write(dir.join("exists.pem"), b"do not touch").unwrap();
        Files {
            dir: dir.to_path_buf(),
        }
    }
}

/// The catalogue: each row one malformed input and what byoip must do with it. Arguments
/// name their files by placeholder ([`expand`]).
static ROWS: &[Row] = &[
    // message: accounts, CIDRs, dates, services.
    row(
        &["message", "--account", "12345", "--cidr", "198.51.100.0/24"],
        2,
        "account",
    ),
    row(
        &[
            "message",
            "--account",
            "1234567890123",
            "--cidr",
            "198.51.100.0/24",
        ],
        2,
        "account",
    ),
    row(
        &[
            "message",
            "--account",
            "12345678901a",
            "--cidr",
            "198.51.100.0/24",
        ],
        2,
        "account",
    ),
    row(
        &["message", "--account", "", "--cidr", "198.51.100.0/24"],
        2,
        "account",
    ),
    row(
        &[
            "message",
            "--account",
            "１２３４５６７８９０１２",
            "--cidr",
            "198.51.100.0/24",
        ],
        2,
        "account",
    ),
    row(&["message", "--cidr", "198.51.100.0/24"], 2, "--account"),
    row(&["message", "--account", "123456789012"], 2, "--cidr"),
    row(
        &[
            "message",
            "--account",
            "123456789012",
            "--cidr",
            "198.51.100.1/24",
        ],
        2,
        "host bits",
    ),
    row(
        &[
            "message",
            "--account",
            "123456789012",
            "--cidr",
            "198.51.100.0/33",
        ],
        2,
        "prefix length",
    ),
    row(
        &[
            "message",
            "--account",
            "123456789012",
            "--cidr",
            "2001:db8::/129",
        ],
        2,
        "prefix length",
    ),
    row(
        &[
            "message",
            "--account",
            "123456789012",
            "--cidr",
            "198.51.100.0",
        ],
        2,
        "no prefix length",
    ),
    row(
        &[
            "message",
            "--account",
            "123456789012",
            "--cidr",
            "198.51.100.0/-24",
        ],
        2,
        "prefix length",
    ),
    row(
        &[
            "message",
            "--account",
            "123456789012",
            "--cidr",
            "198.51.100.0/+24",
        ],
        2,
        "prefix length",
    ),
    row(
        &[
            "message",
            "--account",
            "123456789012",
            "--cidr",
            "banana/24",
        ],
        2,
        "not an IPv4 or IPv6",
    ),
    row(
        &[
            "message",
            "--account",
            "123456789012",
            "--cidr",
            "198.51.100.256/24",
        ],
        2,
        "not an IPv4 or IPv6",
    ),
    row(
        &[
            "message",
            "--account",
            "123456789012",
            "--cidr",
            "fe80::1%eth0/64",
        ],
        2,
        "not an IPv4 or IPv6",
    ),
    row(
        &["message", "--account", "123456789012", "--cidr", ""],
        2,
        "CIDR",
    ),
    row(
        &[
            "message",
            "--account",
            "123456789012",
            "--cidr",
            "198.51.100.0/25",
        ],
        2,
        "/24",
    ),
    row(
        &[
            "message",
            "--account",
            "123456789012",
            "--cidr",
            "2001:db8::/56",
        ],
        2,
        "/48",
    ),
    row(
        &[
            "message",
            "--account",
            "123456789012",
            "--cidr",
            "198.51.100.0/24",
            "--expires",
            "20260230",
        ],
        2,
        "expiry date",
    ),
    row(
        &[
            "message",
            "--account",
            "123456789012",
            "--cidr",
            "198.51.100.0/24",
            "--expires",
            "2026-13-01",
        ],
        2,
        "expiry date",
    ),
    row(
        &[
            "message",
            "--account",
            "123456789012",
            "--cidr",
            "198.51.100.0/24",
            "--expires",
            "+999999d",
        ],
        2,
        "expiry date",
    ),
    row(
        &[
            "message",
            "--account",
            "123456789012",
            "--cidr",
            "198.51.100.0/24",
            "--expires",
            "tomorrow",
        ],
        2,
        "expiry date",
    ),
    row(
        &[
            "message",
            "--account",
            "123456789012",
            "--cidr",
            "198.51.100.0/24",
            "--expires",
            "20200101",
        ],
        2,
        "expired",
    ),
    row(
        &[
            "message",
            "--account",
            "123456789012",
            "--cidr",
            "198.51.100.0/24",
            "--service",
            "lambda",
        ],
        2,
        "unknown service \"lambda\"; hint: use ec2, ipam, ga or cloudfront",
    ),
    row(
        &[
            "message",
            "--account",
            "123456789012",
            "--cidr",
            "2001:db8::/48",
            "--service",
            "ga",
        ],
        2,
        "Global Accelerator",
    ),
    // lint: verdicts (exit 1) and unreadable input (exit 2).
    row(
        &[
            "lint",
            "1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS\n",
        ],
        1,
        "",
    ),
    row(
        &[
            "lint",
            "1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS\r\n",
        ],
        1,
        "",
    ),
    row(
        &[
            "lint",
            "1｜aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS",
        ],
        1,
        "",
    ),
    row(
        &[
            "lint",
            "1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS\u{200b}",
        ],
        1,
        "",
    ),
    row(
        &[
            "lint",
            "1|aws|123456789012|198.51.100.0/24|20250101|20271231|ARIN|SHA256|RSAPSS",
        ],
        1,
        "",
    ),
    row(&["lint", ""], 1, ""),
    row(&["lint", "--file", "@f/latin1.txt"], 1, ""),
    row(&["lint", "--file", "@f/huge.bin"], 2, "limit"),
    row(&["lint", "--file", "@f/a-dir"], 2, "directory"),
    row(&["lint", "--file", "@f/missing"], 2, "No such file"),
    row(&["lint", "--file", "@f/loop"], 2, "cannot read"),
    // sign: keys in every wrong shape.
    row(
        &["sign", "--key", "@f/missing", "--message", MSG],
        2,
        "No such file",
    ),
    row(
        &["sign", "--key", "@f/a-dir", "--message", MSG],
        2,
        "directory",
    ),
    row(&["sign", "--key", "@f/empty", "--message", MSG], 2, "key"),
    row(
        &["sign", "--key", "@f/garbage.bin", "--message", MSG],
        2,
        "key",
    ),
    row(
        &["sign", "--key", "@f/truncated-key.pem", "--message", MSG],
        2,
        "key",
    ),
    row(
        &["sign", "--key", "@f/no-end.pem", "--message", MSG],
        2,
        "key",
    ),
    row(
        &["sign", "--key", "@f/bad-b64-key.pem", "--message", MSG],
        2,
        "key",
    ),
    row(
        &["sign", "--key", "@f/huge.bin", "--message", MSG],
        2,
        "limit",
    ),
    row(
        &["sign", "--key", "@f/loop", "--message", MSG],
        2,
        "cannot read",
    ),
    row(
        &["sign", "--key", "@cert", "--message", MSG],
        2,
        "certificate",
    ),
    row(
        &["sign", "--key", "@t/keys/public.pem", "--message", MSG],
        2,
        "public",
    ),
    row(
        &["sign", "--key", "@t/keys/ec-p256.pem", "--message", MSG],
        2,
        "not RSA",
    ),
    row(
        &["sign", "--key", "@t/keys/ed25519.pem", "--message", MSG],
        2,
        "not RSA",
    ),
    row(
        &["sign", "--key", "@enc", "--message", MSG],
        2,
        "passphrase",
    ),
    row(
        &[
            "sign",
            "--key",
            "@enc",
            "--message",
            MSG,
            "--passphrase-file",
            "@f/wrong-pass.txt",
        ],
        2,
        "wrong passphrase",
    ),
    row(
        &[
            "sign",
            "--key",
            "@enc",
            "--message",
            MSG,
            "--passphrase-file",
            "@f/missing",
        ],
        2,
        "passphrase",
    ),
    row(
        &[
            "sign",
            "--key",
            "@enc",
            "--message",
            MSG,
            "--passphrase-file",
            "@f/a-dir",
        ],
        2,
        "passphrase",
    ),
    row(
        &[
            "sign",
            "--key",
            "@enc",
            "--message",
            MSG,
            "--passphrase",
            "demo-passphrase",
        ],
        2,
        "--help",
    ),
    row(
        &[
            "sign",
            "--key",
            "@t/keys/pkcs8-costly.pem",
            "--message",
            MSG,
        ],
        2,
        "iterations",
    ),
    row(
        &[
            "sign",
            "--key",
            "@key",
            "--message",
            MSG,
            "--cert",
            "@t/keys/other2048-cert.pem",
        ],
        2,
        "does not match",
    ),
    row(
        &[
            "sign",
            "--key",
            "@key",
            "--message",
            MSG,
            "--cert",
            "@f/garbage.bin",
        ],
        2,
        "certificate",
    ),
    row(
        &[
            "sign",
            "--key",
            "@key",
            "--message",
            MSG,
            "--cert",
            "@f/cert-truncated.pem",
        ],
        2,
        "certificate",
    ),
    row(
        &["sign", "--key", "@key", "--message", "@msg\n"],
        2,
        "newline",
    ),
    row(
        &[
            "sign",
            "--key",
            "@key",
            "--message",
            "1|aws|123456789012|198.51.100.0/24|20200101|SHA256|RSAPSS",
        ],
        2,
        "expired",
    ),
    row(&["sign", "--key", "@key", "--message", "hello"], 2, ""),
    row(
        &["sign", "--key", "@key", "--message-file", "@f/latin1.txt"],
        2,
        "UTF-8",
    ),
    row(
        &["sign", "--key", "@key", "--message-file", "@f/huge.bin"],
        2,
        "limit",
    ),
    row(
        &[
            "sign",
            "--key",
            "@key",
            "--message",
            MSG,
            "--format",
            "yaml",
        ],
        2,
        "--help",
    ),
    row(&["sign", "--key", "@key"], 2, "--account"),
    // verify: signatures, messages, contexts, keys.
    row(
        &[
            "verify",
            "--cert",
            "@cert",
            "--message",
            MSG,
            "--signature",
            "!!!",
        ],
        1,
        "",
    ),
    row(
        &[
            "verify",
            "--cert",
            "@cert",
            "--message",
            MSG,
            "--signature",
            "",
        ],
        1,
        "",
    ),
    row(
        &[
            "verify",
            "--cert",
            "@cert",
            "--message",
            MSG,
            "--signature",
            "@sig[..100]",
        ],
        1,
        "",
    ),
    row(
        &[
            "verify",
            "--cert",
            "@cert",
            "--message",
            MSG,
            "--signature",
            "@sig",
        ],
        1,
        "",
    ),
    row(
        &["verify", "--cert", "@cert", "--message", MSG],
        2,
        "signature",
    ),
    row(
        &["verify", "--cert", "@cert", "--signature", "@sig"],
        2,
        "message",
    ),
    row(
        &["verify", "--message", MSG, "--signature", "@sig"],
        2,
        "no key",
    ),
    row(
        &[
            "verify",
            "--cert",
            "@f/garbage.bin",
            "--message",
            MSG,
            "--signature",
            "@sig",
        ],
        2,
        "certificate",
    ),
    row(
        &[
            "verify",
            "--cert",
            "@key",
            "--message",
            MSG,
            "--signature",
            "@sig",
        ],
        2,
        "certificate",
    ),
    row(
        &[
            "verify",
            "--pubkey",
            "@t/keys/ec-p256.pem",
            "--message",
            MSG,
            "--signature",
            "@sig",
        ],
        2,
        "RSA",
    ),
    row(
        &["verify", "--cert", "@cert", "--context", "Message=1"],
        2,
        "context",
    ),
    row(
        &[
            "verify",
            "--cert",
            "@cert",
            "--context",
            "Signature=\"abc\"",
        ],
        2,
        "context",
    ),
    row(
        &["verify", "--cert", "@cert", "--context", "{\"Message\": 5}"],
        2,
        "context",
    ),
    row(
        &["verify", "--cert", "@cert", "--context", ""],
        2,
        "context",
    ),
    row(
        &[
            "verify",
            "--cert",
            "@cert",
            "--context",
            "Message=\"unterminated",
        ],
        2,
        "context",
    ),
    row(
        &[
            "verify",
            "--cert",
            "@cert",
            "--message",
            MSG,
            "--signature-file",
            "@f/huge.bin",
        ],
        2,
        "limit",
    ),
    // keygen and cert: nothing written on failure.
    Row {
        no_file: true,
        ..row(
            &["keygen", "--out", "@out", "--bits", "1024", "--no-encrypt"],
            2,
            "2048",
        )
    },
    Row {
        no_file: true,
        ..row(&["keygen", "--out", "@out"], 2, "passphrase")
    },
    row(
        &["keygen", "--out", "@f/exists.pem", "--no-encrypt"],
        2,
        "already exists",
    ),
    row(
        &["keygen", "--out", "@f/a-dir", "--no-encrypt"],
        2,
        "exists",
    ),
    row(
        &["keygen", "--out", "@f/no-such-dir/key.pem", "--no-encrypt"],
        2,
        "cannot write",
    ),
    Row {
        no_file: true,
        ..row(
            &["cert", "--key", "@f/garbage.bin", "--out", "@out"],
            2,
            "key",
        )
    },
    Row {
        no_file: true,
        ..row(
            &["cert", "--key", "@key", "--out", "@out", "--days", "0"],
            2,
            "days",
        )
    },
    Row {
        no_file: true,
        ..row(
            &["cert", "--key", "@key", "--out", "@out", "--days", "-5"],
            2,
            "--help",
        )
    },
    Row {
        no_file: true,
        ..row(
            &[
                "cert",
                "--key",
                "@key",
                "--out",
                "@out",
                "--not-after",
                "20200101",
            ],
            2,
            "expired",
        )
    },
    Row {
        no_file: true,
        ..row(
            &["cert", "--key", "@key", "--out", "@out", "--subject", "CN"],
            2,
            "subject",
        )
    },
    row(
        &["cert", "--key", "@key", "--out", "@f/exists.pem"],
        2,
        "already exists",
    ),
    // inspect.
    row(&["inspect", "%%%"], 2, ""),
    row(&["inspect", "@f/empty"], 2, ""),
    row(&["inspect", "@f/garbage.bin"], 2, ""),
    row(&["inspect", "@f/huge.bin"], 2, "limit"),
    // check.
    row(
        &["check", "--offline", "--cert", "@cert", "--cidr", "banana"],
        2,
        "invalid CIDR",
    ),
    row(
        &[
            "check",
            "--offline",
            "--cert",
            "@cert",
            "--cidr",
            "192.0.2.0/33",
        ],
        2,
        "prefix length",
    ),
    // A message to check, but no key to check it against (without one, check judges
    // eligibility alone: no error).
    row(
        &[
            "check",
            "--offline",
            "--cidr",
            "192.0.2.0/24",
            "--message",
            "m",
            "--signature",
            "s",
        ],
        2,
        "give --cert or --key with it",
    ),
    row(
        &[
            "check",
            "--offline",
            "--cert",
            "@cert",
            "--cidr",
            "192.0.2.0/24",
            "--rdap-file",
            "@f/not-json.json",
        ],
        2,
        "not JSON",
    ),
    row(
        &[
            "check",
            "--offline",
            "--cert",
            "@cert",
            "--cidr",
            "192.0.2.0/24",
            "--rdap-file",
            "@f/rdap-error.json",
        ],
        2,
        "RDAP error 404",
    ),
    row(
        &[
            "check",
            "--offline",
            "--cert",
            "@cert",
            "--cidr",
            "192.0.2.0/24",
            "--rdap-file",
            "@f/list.json",
        ],
        2,
        "not a JSON object",
    ),
    row(
        &[
            "check",
            "--offline",
            "--cert",
            "@cert",
            "--cidr",
            "192.0.2.0/24",
            "--rdap-file",
            "@f/huge.bin",
        ],
        2,
        "limit",
    ),
    row(
        &[
            "check",
            "--offline",
            "--cert",
            "@cert",
            "--cidr",
            "192.0.2.0/24",
            "--vrps",
            "@f/vrps-bad-row.csv",
        ],
        2,
        "line 2",
    ),
    row(
        &[
            "check",
            "--offline",
            "--cert",
            "@cert",
            "--cidr",
            "192.0.2.0/24",
            "--vrps",
            "@f/vrps-bad-asn.csv",
        ],
        2,
        "AS number",
    ),
    row(
        &[
            "check",
            "--offline",
            "--cert",
            "@cert",
            "--cidr",
            "192.0.2.0/24",
            "--vrps",
            "@f/unknown.csv",
        ],
        2,
        "unknown format",
    ),
    row(
        &[
            "check",
            "--offline",
            "--cert",
            "@cert",
            "--cidr",
            "192.0.2.0/24",
            "--vrps",
            "@f/bgpd-bad.txt",
        ],
        2,
        "source-as",
    ),
    row(
        &[
            "check",
            "--offline",
            "--cert",
            "@cert",
            "--cidr",
            "192.0.2.0/24",
            "--vrps",
            "@f/empty",
        ],
        2,
        "empty",
    ),
    row(
        &[
            "check",
            "--offline",
            "--cert",
            "@cert",
            "--cidr",
            "192.0.2.0/24",
            "--vrps",
            "@f/garbage.bin",
        ],
        2,
        "UTF-8",
    ),
    row(
        &[
            "check",
            "--offline",
            "--cert",
            "@cert",
            "--cidr",
            "192.0.2.0/24",
            "--vrps",
            "@t/vrp/validate-input-beacons.json",
        ],
        2,
        "routes to validate",
    ),
    row(
        &[
            "check",
            "--cert",
            "@cert",
            "--cidr",
            "192.0.2.0/24",
            "--bootstrap",
            "@f/bootstrap-empty.json",
            "--vrps",
            "@t/vrp/100.csv",
        ],
        2,
        "no service",
    ),
    row(
        &[
            "check",
            "--cert",
            "@cert",
            "--cidr",
            "192.0.2.0/24",
            "--rdap-url",
            "ftp://rdap.example/",
            "--vrps",
            "@t/vrp/100.csv",
        ],
        2,
        "only http",
    ),
    row(
        &[
            "check",
            "--cert",
            "@cert",
            "--cidr",
            "192.0.2.0/24",
            "--rdap-url",
            "http://rdap.example.invalid/",
            "--vrps",
            "@t/vrp/100.csv",
        ],
        2,
        "plain HTTP",
    ),
    row(
        &[
            "check",
            "--offline",
            "--cert",
            "@cert",
            "--cidr",
            "192.0.2.0/24",
            "--signature",
            "@sig",
        ],
        2,
        "without its message",
    ),
    row(
        &[
            "check",
            "--offline",
            "--cert",
            "@cert",
            "--cidr",
            "192.0.2.0/24",
            "--timeout",
            "soon",
        ],
        2,
        "--help",
    ),
    // batch and audit: manifests and contexts.
    row(
        &["batch", "sign", "--manifest", "@f/missing.toml"],
        2,
        "missing.toml\" does not exist",
    ),
    row(&["batch", "sign", "--manifest", "@f/a-dir"], 2, "directory"),
    row(&["batch", "sign", "--manifest", "@f/huge.bin"], 2, "limit"),
    row(
        &["batch", "sign", "--manifest", "@f/m-latin1.toml"],
        2,
        "UTF-8",
    ),
    row(
        &["batch", "sign", "--manifest", "@f/m-unknown.toml"],
        2,
        "unknown field",
    ),
    row(
        &["batch", "sign", "--manifest", "@f/m-overlap.toml"],
        2,
        "overlaps",
    ),
    row(
        &["batch", "sign", "--manifest", "@f/m-dup.toml"],
        2,
        "listed twice",
    ),
    row(
        &["batch", "sign", "--manifest", "@f/m-hostbits.toml"],
        2,
        "host bits",
    ),
    row(
        &["batch", "sign", "--manifest", "@f/m-noaccount.toml"],
        2,
        "no account",
    ),
    row(
        &["batch", "sign", "--manifest", "@f/m-badaccount.toml"],
        2,
        "line 3",
    ),
    row(
        &["batch", "sign", "--manifest", "@f/m-baddate.toml"],
        2,
        "line 4",
    ),
    row(
        &["batch", "sign", "--manifest", "@f/m-badservice.toml"],
        2,
        "lambda",
    ),
    row(
        &["batch", "sign", "--manifest", "@f/m-noprefix.toml"],
        2,
        "no [[prefix]]",
    ),
    row(
        &["batch", "sign", "--manifest", "@f/m-syntax.toml"],
        2,
        "line",
    ),
    row(
        &["batch", "sign", "--manifest", "@f/m-wrongtype.toml"],
        2,
        "line 3",
    ),
    row(
        &["batch", "sign", "--manifest", "@f/m-too-small.toml"],
        2,
        "/24",
    ),
    row(
        &["batch", "sign", "--manifest", "@f/m-past.toml"],
        2,
        "expired",
    ),
    row(
        &["batch", "sign", "--manifest", "@f/m-nokey.toml"],
        2,
        "missing.pem",
    ),
    row(
        &["batch", "sign", "--manifest", "@f/m-mismatch.toml"],
        2,
        "does not match",
    ),
    row(
        &[
            "batch",
            "sign",
            "--manifest",
            "@f/m-dup.toml",
            "--format",
            "xml",
        ],
        2,
        "--help",
    ),
    Row {
        no_file: true,
        ..row(
            &[
                "batch",
                "sign",
                "--manifest",
                "@f/m-overlap.toml",
                "--out",
                "@out",
            ],
            2,
            "overlaps",
        )
    },
    row(
        &[
            "batch",
            "verify",
            "--cert",
            "@cert",
            "--input",
            "@f/ctx-obj.json",
        ],
        2,
        "signed contexts",
    ),
    row(
        &[
            "batch",
            "verify",
            "--cert",
            "@cert",
            "--input",
            "@f/not-json.json",
        ],
        2,
        "signed contexts",
    ),
    row(
        &[
            "batch",
            "verify",
            "--cert",
            "@cert",
            "--input",
            "@f/contexts-bad.json",
        ],
        1,
        "",
    ),
    row(
        &[
            "batch",
            "verify",
            "--cert",
            "@f/missing",
            "--input",
            "@f/contexts-bad.json",
        ],
        2,
        "No such file",
    ),
    row(
        &[
            "batch",
            "check",
            "--manifest",
            "@f/m-nocert.toml",
            "--offline",
        ],
        2,
        "no cert or key",
    ),
    row(
        &["audit", "--manifest", "@f/m-unknown.toml"],
        2,
        "unknown field",
    ),
    row(
        &[
            "audit",
            "--manifest",
            "@f/m-ok.toml",
            "--contexts",
            "@f/not-json.json",
        ],
        2,
        "signed contexts",
    ),
    row(
        &[
            "audit",
            "--manifest",
            "@f/m-ok.toml",
            "--contexts",
            "@f/missing.json",
        ],
        2,
        "No such file",
    ),
    row(
        &["audit", "--manifest", "@f/m-ok.toml", "--fail-days", "40"],
        2,
        "--warn-days",
    ),
    row(&["frobnicate"], 2, "--help"),
    row(
        &[
            "check",
            "--offline",
            "--cert",
            "/dev/null",
            "--cidr",
            "192.0.2.0/24",
            "--account",
            "12",
        ],
        2,
        "did you mean 000000000012",
    ),
    // Endless streams: read up to the limit, then refused.
    row(
        &["sign", "--key", "/dev/zero", "--message", MSG],
        2,
        "limit",
    ),
    row(&["lint", "--file", "/dev/urandom"], 2, "limit"),
    row(&["inspect", "/dev/zero"], 2, "limit"),
    // Standard input as the file: empty and binary.
    Row {
        stdin: Some(Vec::new),
        ..row(&["sign", "--key", "-", "--message", MSG], 2, "key")
    },
    Row {
        stdin: Some(|| vec![0xff; 70_000]),
        ..row(&["sign", "--key", "-", "--message", MSG], 2, "limit")
    },
    Row {
        stdin: Some(|| b"\x00\x01\x02".to_vec()),
        ..row(&["inspect", "-"], 2, "")
    },
];

#[test]
fn every_malformed_input_gets_a_clear_error_and_leaves_nothing_behind() {
    let dir = tempdir();
    let files = Files::make(dir.path());
    let rows = ROWS;
    assert!(rows.len() >= 100, "the catalogue has {} rows", rows.len());
    let mut seen = std::collections::HashSet::new();
    let mut failures: Vec<String> = Vec::new();
    for r in rows {
        let args: Vec<String> = r.args.iter().map(|a| expand(a, &files)).collect();
        let stdin = r.stdin.map(|make| make());
        assert!(
            seen.insert((args.clone(), stdin.clone())),
            "duplicate row {args:?}"
        );
        let cache = dir.path().join("cache");
        let mut c = common::byoip_command(&[], &[("BYOIP_CACHE_DIR", cache.to_str().unwrap())]);
        c.args(&args)
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = c.spawn().unwrap();
        if let Some(data) = &stdin {
            let mut sin = child.stdin.take().unwrap();
            let _ = sin.write_all(data);
        }
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        let what = format!("{args:?} -> exit {:?}\nstderr: {err}", o.status.code());
        let mut fail = |why: &str| failures.push(format!("{why}: {what}"));
        if o.status.code() != Some(r.code) {
            fail(&format!("exit code, want {}", r.code));
        }
        if err.contains("panicked") || err.contains("RUST_BACKTRACE") {
            fail("panicked");
        }
        if r.code == 2 {
            if !o.stdout.is_empty() {
                fail("stdout not empty");
            }
            // Warnings may precede it; the error is the last line, with a hint, clap's
            // usage errors included.
            let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
            if errors.len() != 1
                || !errors[0].contains("; hint: ")
                || err.lines().last() != Some(errors[0])
            {
                fail("not one error line with a hint, last");
            }
            if !err.to_lowercase().contains(&r.needle.to_lowercase()) {
                fail(&format!("missing {:?}", r.needle));
            }
        }
        let out = files.dir.join(OUT);
        if r.no_file && out.exists() {
            fail(&format!("left {out:?} behind"));
        }
        let stray: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        if !stray.is_empty() {
            fail(&format!("left {stray:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
    assert_eq!(
        fs::read(dir.path().join("exists.pem")).unwrap(),
        b"do not touch"
    );
}
