//! Round-trip properties of byoip's producers of signed and encoded text: the
//! authorization message (`Display` and its strict `FromStr` inverse), AWS's base64
//! variant for the signature (`tr -- '+=/' '-_~'` over RFC 4648 §4 base64, as AWS's
//! "Prerequisites for BYOIP in Amazon EC2" pipes it) and the canonical CIDR text (RFC 5952
//! for IPv6, dotted quad for IPv4). ASNs and dns-token names have their own properties
//! beside their code.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use base64::{Engine as _, engine::general_purpose::STANDARD};
use byoip::{
    AccountId, AuthorizationMessage, Cidr, ExpiryDate, Prefix,
    encoding::{self, Variant},
};
use chrono::NaiveDate;
use ipnet::IpNet;
use proptest::prelude::*;

/// Any network, host bits cleared, of any length its family allows (0 included).
fn net_strategy() -> impl Strategy<Value = IpNet> {
    prop_oneof![
        (any::<u32>(), 0u8..=32)
            .prop_map(|(a, l)| IpNet::new(Ipv4Addr::from(a).into(), l).unwrap().trunc()),
        (any::<u128>(), 0u8..=128)
            .prop_map(|(a, l)| IpNet::new(Ipv6Addr::from(a).into(), l).unwrap().trunc()),
        // Mostly-zero IPv6 addresses, so that `::` compression is exercised in every place.
        (
            proptest::collection::vec(prop_oneof![3 => Just(0u16), 1 => any::<u16>()], 8),
            0u8..=128
        )
            .prop_map(|(g, l)| {
                let a = Ipv6Addr::new(g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7]);
                IpNet::new(a.into(), l).unwrap().trunc()
            }),
    ]
}

fn prefix_strategy() -> impl Strategy<Value = Prefix> {
    net_strategy().prop_map(|n| n.to_string().parse::<Prefix>().unwrap())
}

/// Every date a message can carry: years 0000 to 9999.
fn date_strategy() -> impl Strategy<Value = ExpiryDate> {
    let first = NaiveDate::from_ymd_opt(0, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
    let span = u64::try_from((last - first).num_days()).unwrap();
    (0..=span).prop_map(move |d| ExpiryDate::new(first + chrono::Days::new(d)).unwrap())
}

fn account_strategy() -> impl Strategy<Value = AccountId> {
    "[0-9]{12}".prop_map(|s| s.parse::<AccountId>().unwrap())
}

/// AWS's recipe, `openssl base64 -A | tr -- '+=/' '-_~'`, written independently of
/// `encoding::encode`.
fn aws_by_tr(bytes: &[u8]) -> String {
    STANDARD
        .encode(bytes)
        .replace('+', "-")
        .replace('=', "_")
        .replace('/', "~")
}

proptest! {
    /// A message's text parses back to the same message, and its seven fields are the
    /// documented constants around the parts' own canonical texts.
    #[test]
    fn message_display_and_from_str_round_trip(
        account in account_strategy(),
        prefix in prefix_strategy(),
        expires in date_strategy(),
    ) {
        let m = AuthorizationMessage::new(account, prefix, expires);
        let text = m.to_string();
        prop_assert_eq!(text.parse::<AuthorizationMessage>().unwrap(), m);
        let want = format!("1|aws|{account}|{prefix}|{expires}|SHA256|RSAPSS");
        prop_assert_eq!(&text, &want);
        let fields: Vec<&str> = text.split('|').collect();
        prop_assert_eq!(fields.len(), 7);
        prop_assert_eq!(fields[4].len(), 8);
        prop_assert!(fields[4].bytes().all(|b| b.is_ascii_digit()));
        prop_assert_eq!(fields[4].parse::<ExpiryDate>().unwrap(), expires);
        prop_assert_eq!(m.prefix(), Some(prefix));
        prop_assert_eq!(m.asn(), None);
    }

    /// The strict parser takes only what `Display` writes: any other spelling of the
    /// prefix in field 4 is refused, and text it accepts is given back byte for byte.
    #[test]
    fn message_parse_accepts_only_the_canonical_prefix_text(
        account in account_strategy(),
        net in net_strategy(),
        expires in date_strategy(),
        upper in any::<bool>(),
    ) {
        let spelled = spell_uncanonically(net, upper);
        let text = format!("1|aws|{account}|{spelled}|{expires}|SHA256|RSAPSS");
        let parsed = text.parse::<AuthorizationMessage>();
        if spelled == net.to_string() {
            prop_assert_eq!(parsed.unwrap().to_string(), text);
        } else {
            let e = parsed.unwrap_err();
            prop_assert!(e.to_string().contains("not in canonical form"), "{}", e);
            prop_assert!(e.hint().contains(&net.to_string()), "{}", e.hint());
        }
    }

    /// AWS's variant decodes back to the bytes, and is exactly AWS's shell recipe: only
    /// `A-Z a-z 0-9 - _ ~`, of the documented length.
    #[test]
    fn aws_base64_encode_and_decode_round_trip(bytes in proptest::collection::vec(any::<u8>(), 1..600)) {
        let text = encoding::encode(&bytes);
        prop_assert_eq!(&text, &aws_by_tr(&bytes));
        prop_assert_eq!(text.len(), encoding::encoded_len(bytes.len()));
        prop_assert!(
            text.chars().all(|c| c.is_ascii_alphanumeric() || "-_~".contains(c)),
            "{}", text
        );
        prop_assert_eq!(encoding::decode(&text).unwrap(), bytes.clone());
        // The diagnosis reads it as AWS's variant first, unless the text happens to be hex.
        let first = encoding::decode_any(&text).swap_remove(0);
        if encoding::decode_hex(&text).is_none() {
            prop_assert_eq!(first.variant, Variant::Aws);
            prop_assert_eq!(first.bytes, bytes);
            prop_assert!(!first.whitespace_removed);
        }
    }

    /// The spellings AWS's variant is not: standard base64 with `+`, `/` or `=` and
    /// `openssl base64`'s 64-column lines are refused by the strict reader and named by
    /// the diagnosis, which still recovers the bytes.
    #[test]
    fn other_base64_spellings_are_refused_and_diagnosed(bytes in proptest::collection::vec(any::<u8>(), 1..600)) {
        let std = STANDARD.encode(&bytes);
        let hex = encoding::decode_hex(&std).is_some();
        if std != encoding::encode(&bytes) {
            prop_assert!(encoding::decode(&std).is_err());
            let first = encoding::decode_any(&std).swap_remove(0);
            if !hex {
                prop_assert_eq!(first.variant, Variant::Standard);
                prop_assert_eq!(&first.bytes, &bytes);
            }
        }
        if std.len() > 64 {
            let aws = encoding::encode(&bytes);
            let wrapped: String = aws
                .as_bytes()
                .chunks(64)
                .map(|c| format!("{}\n", std::str::from_utf8(c).unwrap()))
                .collect();
            prop_assert!(encoding::decode(&wrapped).is_err());
            let first = encoding::decode_any(&wrapped).swap_remove(0);
            if !hex && encoding::decode_hex(&wrapped).is_none() {
                prop_assert_eq!(first.variant, Variant::Aws);
                prop_assert!(first.whitespace_removed);
                prop_assert_eq!(first.bytes, bytes);
            }
        }
    }

    /// A prefix's text is the canonical form (std's RFC 5952 `Display` for IPv6, dotted
    /// quad for IPv4), reads back as itself and is not reported as rewritten.
    #[test]
    fn prefix_canonical_text_round_trips(net in net_strategy()) {
        let p: Prefix = net.to_string().parse().unwrap();
        let text = p.to_string();
        prop_assert_eq!(&text, &format!("{}/{}", net.network(), net.prefix_len()));
        prop_assert_eq!(text.to_ascii_lowercase(), text.clone());
        let again = Prefix::parse_lenient(&text).unwrap();
        prop_assert_eq!(again.prefix, p);
        prop_assert!(!again.rewritten);
        prop_assert_eq!(p.net(), net);
        prop_assert_eq!(p.prefix_len(), net.prefix_len());
        prop_assert_eq!(p.is_ipv4(), matches!(net, IpNet::V4(_)));
    }

    /// Other spellings of the same prefix (upper case or uncompressed IPv6, zero-padded
    /// IPv4 octets) read as the same prefix, reported as rewritten exactly when they
    /// differ from the canonical text.
    #[test]
    fn other_prefix_spellings_read_as_the_canonical_prefix(net in net_strategy(), upper in any::<bool>()) {
        let spelled = spell_uncanonically(net, upper);
        let parsed = Prefix::parse_lenient(&spelled).unwrap();
        prop_assert_eq!(parsed.prefix.net(), net);
        prop_assert_eq!(parsed.rewritten, spelled != net.to_string());
        prop_assert_eq!(spelled.parse::<Prefix>().unwrap(), parsed.prefix);
    }

    /// An address with host bits set is refused, and the hint is the covering prefix in
    /// canonical form.
    #[test]
    fn host_bits_are_refused_with_the_canonical_fix(addr in any::<IpAddr>(), len in 0u8..=128) {
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let len = len % (max + 1);
        let net = IpNet::new(addr, len).unwrap();
        let result = Prefix::parse_lenient(&format!("{addr}/{len}"));
        if net.network() == addr {
            prop_assert_eq!(result.unwrap().prefix.net(), net);
        } else {
            let e = result.unwrap_err();
            prop_assert_eq!(e.hint(), format!("did you mean {}?", net.trunc()));
        }
    }

    /// CIDR text with or without host bits, in any spelling, reads as the text given and
    /// the prefix it denotes (host bits cleared); host bits are kept as the strict
    /// reading's error, and without them both readings agree.
    #[test]
    fn cidr_text_denotes_the_covering_prefix(addr in any::<IpAddr>(), len in 0u8..=128, upper in any::<bool>()) {
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let len = len % (max + 1);
        let net = IpNet::new(addr, len).unwrap();
        for text in [format!("{addr}/{len}"), spell_uncanonically(net, upper)] {
            let cidr = Cidr::parse(&text).unwrap();
            prop_assert_eq!(cidr.text(), text.as_str());
            prop_assert_eq!(cidr.prefix().net(), net.trunc());
            match Prefix::parse_lenient(&text) {
                Ok(p) => {
                    prop_assert!(cidr.host_bits().is_none());
                    prop_assert_eq!(cidr.exact().unwrap(), p.prefix);
                    prop_assert_eq!(cidr.rewritten(), p.rewritten);
                }
                Err(e) => {
                    prop_assert_eq!(cidr.exact().unwrap_err().to_string(), e.to_string());
                    prop_assert!(cidr.rewritten());
                }
            }
        }
    }
}

/// The same network written the long way: IPv4 octets zero-padded to three digits, IPv6
/// as eight four-digit groups, in upper case when `upper`.
fn spell_uncanonically(net: IpNet, upper: bool) -> String {
    let len = net.prefix_len();
    match net.network() {
        IpAddr::V4(a) => {
            let o = a.octets();
            format!("{:03}.{:03}.{:03}.{:03}/{len}", o[0], o[1], o[2], o[3])
        }
        IpAddr::V6(a) => {
            let groups: Vec<String> = a
                .segments()
                .iter()
                .map(|g| {
                    if upper {
                        format!("{g:04X}")
                    } else {
                        format!("{g:04x}")
                    }
                })
                .collect();
            format!("{}/{len}", groups.join(":"))
        }
    }
}

/// Every value type's `Display` honours width and alignment (`{:>12}`, `{:<8}`), as `str`
/// does, so a caller can line reports up in columns; the text inside is unchanged.
#[test]
fn display_pads_like_a_string() {
    use byoip::{
        AccountId, Asn, Cloud, ExpiryDate, Prefix, Service, check::Status, rdap::Registry,
    };
    let prefix: Prefix = "198.51.100.0/24".parse().unwrap();
    let asn: Asn = "64500".parse().unwrap();
    let account: AccountId = "123456789012".parse().unwrap();
    let date: ExpiryDate = "20271231".parse().unwrap();
    let cases: Vec<(String, &str)> = vec![
        (format!("{prefix:>18}"), "   198.51.100.0/24"),
        (format!("{asn:<7}|"), "64500  |"),
        (format!("{account:>14}"), "  123456789012"),
        (format!("{date:^10}"), " 20271231 "),
        (format!("{:<9}|", Status::NotRun), "not-run  |"),
        (format!("{:>4}", Service::Ec2), " ec2"),
        (format!("{:<5}|", Cloud::Aws), "aws  |"),
        (format!("{:>6}", Registry::Arin), "  ARIN"),
    ];
    for (got, want) in cases {
        assert_eq!(got, want);
    }
}
