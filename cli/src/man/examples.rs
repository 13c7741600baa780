//! The EXAMPLES section of each page: a few real commands, each with what it does, kept
//! true by a test that parses each.

/// Each page's examples, by its command path joined with spaces (`""` for byoip(1),
/// `"batch sign"` for byoip-batch-sign(1)): what a row does (empty: the row above's
/// next step), and the command.
pub(super) const EXAMPLES: &[(&str, &[(&str, &str)])] = &[
    (
        "",
        &[
            (
                "Make a key and its certificate, then sign the message for a prefix:",
                "byoip keygen --out byoip-key.pem",
            ),
            ("", "byoip cert --key byoip-key.pem --out byoip-cert.pem"),
            (
                "",
                "byoip sign --key byoip-key.pem --account 123456789012 --cidr 198.51.100.0/24",
            ),
            (
                "Check everything AWS will check, before provisioning:",
                "byoip check --cidr 198.51.100.0/24 --cert byoip-cert.pem --account 123456789012",
            ),
            (
                "Write every page of this manual into a directory:",
                "byoip man --dir man/man1",
            ),
        ],
    ),
    (
        "message",
        &[
            (
                "The message for a prefix, expiring at the default date:",
                "byoip message --account 123456789012 --cidr 198.51.100.0/24",
            ),
            (
                "Azure's message:",
                "byoip message --cloud azure --subscription 6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab --cidr 130.137.245.0/24 --expires 20271231",
            ),
            (
                "A BYOASN message:",
                "byoip message --account 123456789012 --asn 64496",
            ),
        ],
    ),
    (
        "lint",
        &[
            (
                "Every problem with a message:",
                "byoip lint '2|AWS|0123456789AB|203.0.113.25/24|2025-01-01|SHA256|RSAPSS'",
            ),
            (
                "A message in a file, warnings failing too:",
                "byoip lint --file message.txt --deny-warnings",
            ),
        ],
    ),
    (
        "sign",
        &[
            (
                "Sign, refusing a key that is not the published certificate's:",
                "byoip sign --key byoip-key.pem --cert byoip-cert.pem --account 123456789012 --cidr 198.51.100.0/24",
            ),
            (
                "Print the aws command with the context filled in:",
                "byoip sign --key byoip-key.pem --account 123456789012 --cidr 198.51.100.0/24 --format aws-cli",
            ),
            (
                "Sign a message written beforehand:",
                "byoip sign --key byoip-key.pem --message-file message.txt",
            ),
        ],
    ),
    (
        "verify",
        &[
            (
                "Verify a context against the published certificate:",
                "byoip verify --cert byoip-cert.pem --context 'Message=\"1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS\",Signature=\"SIG\"'",
            ),
            (
                "Exit 1 also when AWS would refuse a valid signature:",
                "byoip verify --cert byoip-cert.pem --message-file message.txt --signature-file signature.txt --strict",
            ),
        ],
    ),
    (
        "check",
        &[
            (
                "Everything AWS checks, with the registry and ROAs read online:",
                "byoip check --cidr 198.51.100.0/24 --cert byoip-cert.pem --account 123456789012 --message-file message.txt --signature-file signature.txt",
            ),
            (
                "Offline, from a saved RDAP answer and a VRP export:",
                "byoip check --offline --cidr 198.51.100.0/24 --cert byoip-cert.pem --rdap-file rdap.json --vrps vrps.csv",
            ),
            (
                "Azure, as JSON:",
                "byoip check --cloud azure --cidr 130.137.245.0/24 --json",
            ),
        ],
    ),
    (
        "dns-token",
        &[(
            "Plan the TXT records from the token AWS gave:",
            "byoip dns-token plan --cidr 198.18.12.0/22 --token-file token.json",
        )],
    ),
    (
        "dns-token plan",
        &[
            (
                "The records as zone-file lines:",
                "byoip dns-token plan --cidr 198.18.12.0/22 --token-file token.json",
            ),
            (
                "As Terraform:",
                "byoip dns-token plan --cidr 198.18.12.0/22 --token-name 86950620 --token-value a34597c3-5317-4238-9ce7-50da5b6e6dc8 --format terraform",
            ),
        ],
    ),
    (
        "dns-token check",
        &[
            (
                "Whether the records are published:",
                "byoip dns-token check --cidr 198.18.12.0/22 --token-file token.json",
            ),
            (
                "Asking the authoritative servers, as JSON:",
                "byoip dns-token check --cidr 198.18.12.0/22 --token-file token.json --authoritative --json",
            ),
        ],
    ),
    (
        "batch",
        &[
            (
                "Sign, verify and check every entry of byoip.toml:",
                "byoip batch sign --out contexts.json",
            ),
            ("", "byoip batch check --junit byoip-junit.xml"),
        ],
    ),
    (
        "batch sign",
        &[
            (
                "Sign every entry, writing the contexts:",
                "byoip batch sign --out contexts.json",
            ),
            (
                "The aws commands instead:",
                "byoip batch sign --format aws-cli",
            ),
        ],
    ),
    (
        "batch verify",
        &[
            (
                "Verify the contexts the manifest names:",
                "byoip batch verify",
            ),
            (
                "Contexts from a file, against a certificate:",
                "byoip batch verify --cert byoip-cert.pem --input contexts.json",
            ),
        ],
    ),
    (
        "batch check",
        &[
            (
                "Check every entry, writing JUnit XML for CI:",
                "byoip batch check --junit byoip-junit.xml",
            ),
            (
                "Offline, ROAs from a VRP export:",
                "byoip batch check --offline --vrps vrps.csv --json",
            ),
        ],
    ),
    (
        "audit",
        &[
            (
                "The key material a manifest names, failing within a week of an expiry:",
                "byoip audit --warn-days 30 --fail-days 7",
            ),
            (
                "Another manifest, as JSON:",
                "byoip audit --manifest prod/byoip.toml --json",
            ),
        ],
    ),
    (
        "rdap",
        &[(
            "Save the registry record for offline checks:",
            "byoip rdap fetch --cidr 198.51.100.0/24 --out rdap.json",
        )],
    ),
    (
        "rdap fetch",
        &[
            (
                "Save the registry record for a prefix:",
                "byoip rdap fetch --cidr 198.51.100.0/24 --out rdap.json",
            ),
            (
                "An ASN's, asking ARIN directly:",
                "byoip rdap fetch --asn 64496 --out asn.json --rdap-url https://rdap.arin.net/registry/",
            ),
        ],
    ),
    (
        "irr",
        &[(
            "Save the IRR route objects for offline checks:",
            "byoip irr fetch --cidr 198.51.100.0/24 --out irr.txt",
        )],
    ),
    (
        "irr fetch",
        &[
            (
                "The route objects for a prefix, from RADb:",
                "byoip irr fetch --cidr 198.51.100.0/24 --out irr.txt",
            ),
            (
                "From RIPE's IRR instead:",
                "byoip irr fetch --cidr 198.51.100.0/24 --out irr.txt --irr-server whois.ripe.net",
            ),
        ],
    ),
    (
        "roa",
        &[(
            "Save the ROAs a check asks about, for offline checks:",
            "byoip roa fetch --cidr 198.51.100.0/24 --out vrps.csv",
        )],
    ),
    (
        "roa fetch",
        &[
            (
                "The VRPs for Amazon's ASNs (EC2) covering a prefix:",
                "byoip roa fetch --cidr 198.51.100.0/24 --out vrps.csv",
            ),
            (
                "For Azure, with the ASN announcing the prefix today:",
                "byoip roa fetch --cidr 198.51.100.0/24 --cloud azure --origin 64496 --out vrps.csv",
            ),
        ],
    ),
    (
        "ripedb",
        &[(
            "Save a RIPE NCC range's object for offline checks:",
            "byoip ripedb fetch --cidr 198.51.100.0/24 --out ripedb.json",
        )],
    ),
    (
        "ripedb fetch",
        &[(
            "The RIPE Database object of the range holding a prefix:",
            "byoip ripedb fetch --cidr 198.51.100.0/24 --out ripedb.json",
        )],
    ),
    (
        "keygen",
        &[
            (
                "An encrypted RSA-2048 key (a passphrase is asked):",
                "byoip keygen --out byoip-key.pem",
            ),
            (
                "A 4096-bit key:",
                "byoip keygen --out byoip-key.pem --bits 4096",
            ),
        ],
    ),
    (
        "cert",
        &[
            (
                "The certificate to publish, valid a year:",
                "byoip cert --key byoip-key.pem --out byoip-cert.pem",
            ),
            (
                "For Azure, until a date:",
                "byoip cert --key byoip-key.pem --out byoip-cert.pem --cloud azure --not-after 2027-12-31",
            ),
        ],
    ),
    (
        "inspect",
        &[
            ("What a file holds:", "byoip inspect byoip-cert.pem"),
            (
                "A message, as JSON:",
                "byoip inspect '1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS' --json",
            ),
        ],
    ),
    (
        "clouds",
        &[
            ("What each cloud wants:", "byoip clouds"),
            ("As JSON:", "byoip clouds --json"),
        ],
    ),
    (
        "rules",
        &[
            ("Every rule for Azure:", "byoip rules --cloud azure"),
            (
                "The rules reference in Markdown:",
                "byoip rules --format markdown",
            ),
        ],
    ),
    (
        "completions",
        &[
            ("Completions for bash:", "byoip completions bash"),
            ("For zsh:", "byoip completions zsh"),
        ],
    ),
    (
        "man",
        &[
            ("This manual's byoip(1):", "byoip man"),
            ("byoip-batch-sign(1):", "byoip man batch sign"),
            (
                "Every page, into a directory man(1) searches:",
                "byoip man --dir ~/.local/share/man/man1",
            ),
        ],
    ),
];
