//! AWS's base64 variant for the `Signature` value, and recognition of the wrong ones.
//!
//! AWS's recipe ("Prerequisites for BYOIP in Amazon EC2",
//! <https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/prepare-for-byoip.html>) pipes
//! `openssl base64` into `tr -- '+=/' '-_~'`: standard base64 (RFC 4648 §4, `=`-padded,
//! no line breaks), then `+` → `-`, `=` → `_`, `/` → `~`. This is *not* base64url (RFC 4648 §5 maps `/` → `_`
//! and drops the padding). The result's alphabet `[A-Za-z0-9_~-]` needs no quoting inside
//! the CLI shorthand `Message=…,Signature=…`. [`encode`] is byoip's one producer of it.
//!
//! A signature may also arrive as hex: `openssl dgst -sign … -hex` prints the raw bytes
//! as lower-case hex (OpenSSL's `openssl-dgst(1)` manual, option `-hex`), after a
//! `SHA2-256(stdin)= ` label. Hex digits are also base64 characters, so hex text must be
//! recognised before it is read as base64 (512 hex characters would
//! otherwise pass for a 384-byte, 3072-bit signature).

use base64::{
    Engine as _,
    engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD},
};
use serde::Serialize;

use crate::error::Error;

/// Encodes signature bytes as AWS expects them.
pub fn encode(bytes: &[u8]) -> String {
    STANDARD
        .encode(bytes)
        .chars()
        .map(|c| match c {
            '+' => '-',
            '=' => '_',
            '/' => '~',
            c => c,
        })
        .collect()
}

/// Encodes signature bytes as `enc` says: AWS's variant, or standard base64 with padding
/// (RFC 4648 §4, as `openssl base64 -A` writes it; Azure's).
pub fn encode_as(enc: crate::cloud::Encoding, bytes: &[u8]) -> String {
    match enc {
        crate::cloud::Encoding::Base64 => STANDARD.encode(bytes),
        _ => encode(bytes),
    }
}

/// Decodes `text` strictly in `enc`: [`decode`] for AWS's variant; for standard base64,
/// only its alphabet, `=` padding required, no whitespace.
pub(crate) fn decode_as(enc: crate::cloud::Encoding, text: &str) -> Result<Vec<u8>, Error> {
    match enc {
        crate::cloud::Encoding::Base64 => {
            if text.is_empty() {
                return Err(Error::SignatureEncoding {
                    reason: "it is empty".into(),
                    source: None,
                });
            }
            STANDARD.decode(text).map_err(|e| Error::SignatureEncoding {
                reason: "not standard base64 with padding".into(),
                source: crate::error::cause(e),
            })
        }
        _ => decode(text),
    }
}

/// Decodes AWS's variant strictly: only its alphabet, `_` only as trailing padding, no
/// whitespace.
pub fn decode(text: &str) -> Result<Vec<u8>, Error> {
    let bad = |reason: String| Error::SignatureEncoding {
        reason,
        source: None,
    };
    if text.is_empty() {
        return Err(bad("it is empty".into()));
    }
    if let Some((i, c)) = text.char_indices().find(|(_, c)| !is_aws_char(*c)) {
        return Err(bad(format!(
            "character {c:?} at position {} is outside A-Z a-z 0-9 - _ ~",
            i + 1
        )));
    }
    let body = text.trim_end_matches('_');
    if body.contains('_') {
        return Err(bad("'_' (the padding) appears before the end".into()));
    }
    if !text.len().is_multiple_of(4) {
        return Err(bad(format!(
            "its length {} is not a multiple of 4 (the padding may be missing)",
            text.len()
        )));
    }
    let standard: String = text
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '=',
            '~' => '/',
            c => c,
        })
        .collect();
    STANDARD
        .decode(standard)
        .map_err(|e| Error::SignatureEncoding {
            reason: "it does not decode".into(),
            source: crate::error::cause(e),
        })
}

fn is_aws_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '~')
}

/// A base64 flavour a signature might have been written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Variant {
    /// AWS's: standard alphabet and padding, then `+=/` → `-_~`.
    Aws,
    /// Plain `openssl base64` / RFC 4648 §4, padded.
    Standard,
    /// RFC 4648 §4 without padding.
    StandardUnpadded,
    /// base64url (RFC 4648 §5), padded.
    UrlSafe,
    /// base64url without padding (JWT style).
    UrlSafeUnpadded,
    /// Hex, as `openssl dgst -hex` prints it: not base64 at all.
    Hex,
}

impl Serialize for Variant {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.serialize_str(self.id())
    }
}

impl Variant {
    /// The stable name JSON output uses: `aws`, `standard`, `standard-unpadded`, `url-safe`,
    /// `url-safe-unpadded`, `hex`.
    pub fn id(self) -> &'static str {
        match self {
            Variant::Aws => "aws",
            Variant::Standard => "standard",
            Variant::StandardUnpadded => "standard-unpadded",
            Variant::UrlSafe => "url-safe",
            Variant::UrlSafeUnpadded => "url-safe-unpadded",
            Variant::Hex => "hex",
        }
    }

    /// A human name.
    pub fn name(self) -> &'static str {
        match self {
            Variant::Aws => "AWS's base64 variant",
            Variant::Standard => "standard base64 (openssl base64 without the tr step)",
            Variant::StandardUnpadded => "standard base64 without padding",
            Variant::UrlSafe => "base64url (RFC 4648 §5)",
            Variant::UrlSafeUnpadded => "base64url without padding",
            Variant::Hex => "hex (openssl dgst -hex), not base64",
        }
    }
}

/// One way a signature text decodes.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Decoding {
    /// The variant that decoded it.
    pub variant: Variant,
    /// The decoded bytes.
    pub bytes: Vec<u8>,
    /// True when whitespace (line breaks from `openssl base64`) had to be removed first.
    pub whitespace_removed: bool,
}

/// The shell command that turns a hex signature into AWS's variant. `sed` drops the
/// `SHA2-256(stdin)= ` label `openssl dgst -hex` prints first (`xxd -r -p` would read its
/// hex-looking letters and stop), and leaves bare hex as it is.
pub const HEX_TO_AWS: &str = "sed 's/^.*= //' | xxd -r -p | openssl base64 -A | tr -- '+=/' '-_~'";

/// The shell command that turns a hex signature into standard base64 (Azure's encoding),
/// the label dropped as for [`HEX_TO_AWS`].
pub(crate) const HEX_TO_BASE64: &str = "sed 's/^.*= //' | xxd -r -p | openssl base64 -A";

/// Shortest hex text taken for a signature: a 512-bit key's (RSA keys below that do not
/// exist in practice); shorter all-hex strings are left to the base64 readers.
const MIN_HEX_CHARS: usize = 128;

/// The bytes of `text` when it is a hex signature: an even number (at least 128) of hex
/// digits, whitespace ignored, after an optional openssl label such as
/// `SHA2-256(stdin)= `. `None` when it is not hex.
pub fn decode_hex(text: &str) -> Option<Vec<u8>> {
    let body = match text.find(")= ") {
        Some(i) if !text[..i].contains(char::is_whitespace) => &text[i + 3..],
        _ => text,
    };
    let digits: Vec<u8> = body.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if digits.len() < MIN_HEX_CHARS
        || !digits.len().is_multiple_of(2)
        || !digits.iter().all(u8::is_ascii_hexdigit)
    {
        return None;
    }
    let nibble = |b: u8| match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'f' => b - b'a' + 10,
        _ => b - b'A' + 10,
    };
    Some(
        digits
            .chunks(2)
            .map(|p| (nibble(p[0]) << 4) | nibble(p[1]))
            .collect(),
    )
}

/// Every way `text` decodes, the most plausible first: hex when the text is hex (it is
/// never AWS's variant then, although hex digits are base64 characters), then AWS's
/// variant, then the other base64 flavours; identical byte strings are listed once. Used
/// to diagnose a signature that is not in AWS's variant.
pub fn decode_any(text: &str) -> Vec<Decoding> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let whitespace_removed = compact.len() != text.len();
    let mut out: Vec<Decoding> = Vec::new();
    if let Some(bytes) = decode_hex(text) {
        out.push(Decoding {
            variant: Variant::Hex,
            bytes,
            // Line breaks in hex are part of the hex mistake, not a separate one.
            whitespace_removed: false,
        });
    }
    let mut push = |variant, bytes: Vec<u8>| {
        if !bytes.is_empty() && !out.iter().any(|d| d.bytes == bytes) {
            out.push(Decoding {
                variant,
                bytes,
                whitespace_removed,
            });
        }
    };
    if let Ok(b) = decode(&compact) {
        push(Variant::Aws, b);
    }
    let engines = [
        (Variant::Standard, &STANDARD),
        (Variant::StandardUnpadded, &STANDARD_NO_PAD),
        (Variant::UrlSafe, &URL_SAFE),
        (Variant::UrlSafeUnpadded, &URL_SAFE_NO_PAD),
    ];
    for (variant, engine) in engines {
        if let Ok(b) = engine.decode(&compact) {
            push(variant, b);
        }
    }
    out
}

/// Length in characters of an AWS-encoded signature of `n` bytes (344 for RSA-2048).
pub fn encoded_len(n: usize) -> usize {
    n.div_ceil(3) * 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_exactly_three_characters_and_keeps_padding() {
        // 0xfb 0xff 0xbf encodes to "+/+/" in standard base64; one byte pads with "==".
        assert_eq!(encode(&[0xfb, 0xff, 0xbf]), "-~-~");
        assert_eq!(encode(&[0xfb]), "-w__");
        assert_eq!(decode("-w__").unwrap(), vec![0xfb]);
    }

    #[test]
    fn lengths_match_the_spec_for_each_key_size() {
        assert_eq!(encode(&[7u8; 256]).len(), 344);
        assert!(encode(&[7u8; 256]).ends_with("__"));
        assert_eq!(encode(&[7u8; 384]).len(), 512);
        assert!(!encode(&[7u8; 384]).ends_with('_'));
        assert!(encode(&[7u8; 512]).ends_with('_') && !encode(&[7u8; 512]).ends_with("__"));
        assert_eq!(encoded_len(256), 344);
    }

    #[test]
    fn strict_decode_refuses_other_variants() {
        assert!(decode("+w==").is_err());
        assert!(decode("-w").is_err());
        assert!(decode("-w__\n").is_err());
        assert!(decode("a_bc").is_err());
        assert!(decode("").is_err());
    }

    #[test]
    fn decode_any_names_the_variant() {
        let bytes = vec![0xfbu8; 256];
        let std = STANDARD.encode(&bytes);
        assert_eq!(decode_any(&std)[0].variant, Variant::Standard);
        let url = URL_SAFE_NO_PAD.encode(&bytes);
        assert_eq!(decode_any(&url)[0].variant, Variant::UrlSafeUnpadded);
        let wrapped: String = std
            .as_bytes()
            .chunks(64)
            .map(|c| String::from_utf8_lossy(c) + "\n")
            .collect();
        let d = &decode_any(&wrapped)[0];
        assert!(d.whitespace_removed && d.bytes == bytes);
    }

    #[test]
    fn hex_is_recognised_before_base64() {
        let bytes: Vec<u8> = (0..=255u8).collect();
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex.len(), 512);
        // The same text is valid AWS base64 too (384 bytes): hex must win.
        assert_eq!(decode(&hex).map(|b| b.len()).ok(), Some(384));
        let d = &decode_any(&hex)[0];
        assert_eq!((d.variant, &d.bytes), (Variant::Hex, &bytes));
        // openssl's label, upper case and a line break are read too.
        let labelled = format!("RSA-SHA2-256(stdin)= {}\n", hex.to_uppercase());
        assert_eq!(decode_hex(&labelled), Some(bytes.clone()));
        // Odd length, a non-hex character or a short string are not hex.
        assert_eq!(decode_hex(&hex[1..]), None);
        assert_eq!(decode_hex(&format!("{}g", &hex[1..])), None);
        assert_eq!(decode_hex("deadbeef"), None);
        // A real AWS-encoded signature is not mistaken for hex.
        assert_eq!(decode_any(&encode(&bytes))[0].variant, Variant::Aws);
    }

    #[test]
    fn decode_any_lists_each_distinct_reading_once_and_never_an_empty_one() {
        // "AQID" has no `+/=`: every base64 flavour reads the same three bytes, listed once.
        let one = decode_any("AQID");
        assert_eq!(one.len(), 1, "{one:?}");
        assert_eq!(
            (one[0].variant, &one[0].bytes[..]),
            (Variant::Aws, &[1u8, 2, 3][..])
        );
        // Hex text has two different readings: the hex one and a base64 accident.
        let bytes: Vec<u8> = (0..=255u8).collect();
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let readings: Vec<(Variant, usize)> = decode_any(&hex)
            .iter()
            .map(|d| (d.variant, d.bytes.len()))
            .collect();
        assert_eq!(readings, [(Variant::Hex, 256), (Variant::Aws, 384)]);
        // Nothing, or only whitespace, decodes to no bytes: no reading at all.
        assert_eq!(decode_any(""), []);
        assert_eq!(decode_any(" \n"), []);
    }

    #[test]
    fn hex_needs_128_digits_and_an_openssl_label_without_spaces() {
        let hex = "ab".repeat(64);
        assert_eq!(decode_hex(&hex), Some(vec![0xab; 64]));
        assert_eq!(decode_hex(&hex[2..]), None, "126 digits are left to base64");
        // openssl's label is one word before ")= "; text with spaces there is not a label.
        assert_eq!(
            decode_hex(&format!("SHA2-256(stdin)= {hex}")),
            Some(vec![0xab; 64])
        );
        assert_eq!(decode_hex(&format!("my sig)= {hex}")), None);
    }

    #[test]
    fn each_variant_has_its_own_name() {
        let all = [
            Variant::Aws,
            Variant::Standard,
            Variant::StandardUnpadded,
            Variant::UrlSafe,
            Variant::UrlSafeUnpadded,
            Variant::Hex,
        ];
        let names: std::collections::BTreeSet<&str> = all.iter().map(|v| v.name()).collect();
        assert_eq!(names.len(), all.len(), "{names:?}");
        for (v, word) in [
            (Variant::Aws, "AWS"),
            (Variant::Standard, "standard base64"),
            (Variant::StandardUnpadded, "without padding"),
            (Variant::UrlSafe, "base64url"),
            (Variant::UrlSafeUnpadded, "base64url without padding"),
            (Variant::Hex, "hex"),
        ] {
            assert!(v.name().contains(word), "{v:?}: {}", v.name());
        }
    }
}
