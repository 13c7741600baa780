//! Every message the producer can write parses back to the same value and lints clean of
//! format errors.
#![no_main]
use byoip::{AccountId, AuthorizationMessage, ExpiryDate, Prefix};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u64, [u8; 16], u8, bool, u16)| {
    let (acct, addr, len, v4, days) = input;
    let account: AccountId = format!("{:012}", acct % 1_000_000_000_000).parse().unwrap();
    let net = if v4 {
        let a = std::net::Ipv4Addr::new(addr[0], addr[1], addr[2], addr[3]);
        ipnet::IpNet::V4(ipnet::Ipv4Net::new(a, len % 33).unwrap()).trunc()
    } else {
        ipnet::IpNet::V6(ipnet::Ipv6Net::new(std::net::Ipv6Addr::from(addr), len % 129).unwrap())
            .trunc()
    };
    let prefix: Prefix = net.to_string().parse().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let expires = ExpiryDate::parse_relative(&format!("+{}d", days % 3650), today).unwrap();
    // The BYOASN form too: any 32-bit ASN round-trips the same way.
    let asn_msg = AuthorizationMessage::new_asn(
        account,
        byoip::Asn::new(u32::from_be_bytes([addr[4], addr[5], addr[6], addr[7]])),
        expires,
    );
    let asn_text = asn_msg.to_string();
    assert_eq!(asn_text.parse::<AuthorizationMessage>().unwrap(), asn_msg);
    // Azure's form: any GUID, in either case, with the same prefix and date.
    let guid = format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        u32::from_be_bytes([addr[8], addr[9], addr[10], addr[11]]),
        u16::from_be_bytes([addr[12], addr[13]]),
        u16::from_be_bytes([addr[14], addr[15]]),
        days,
        acct & 0xffff_ffff_ffff
    );
    let guid = if len % 2 == 0 { guid.to_uppercase() } else { guid };
    let azure = byoip::AzureMessage::new(guid.parse().unwrap(), prefix, expires);
    let azure_text = azure.to_string();
    assert_eq!(azure_text.parse::<byoip::AzureMessage>().unwrap(), azure);
    assert_eq!(
        azure_text.parse::<byoip::AnyMessage>().unwrap(),
        byoip::AnyMessage::Azure(azure)
    );
    let m = AuthorizationMessage::new(account, prefix, expires);
    let text = m.to_string();
    let back: AuthorizationMessage = text.parse().unwrap();
    assert_eq!(back, m);
    assert_eq!(back.to_string(), text);
    let findings = byoip::lint(
        text.as_bytes(),
        &byoip::LintOptions::on(today),
    );
    assert!(
        findings.iter().all(|f| ![
            "message.format",
            "message.whitespace",
            "message.ascii",
            "message.account"
        ]
        .contains(&f.id.as_str())),
        "{findings:?}"
    );
});
