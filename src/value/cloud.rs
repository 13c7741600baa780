//! The clouds that take a proof of control for a customer's own addresses. What each one
//! wants (the message and signature scheme or registry token, the ROA origin and its length
//! rule, the prefix sizes, where the proof goes in each registry's record) is its profile,
//! [`Cloud::profile`], built from the rules table (`crate::rules`).

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

pub use crate::rules::profile::{
    Placement, Profile, Proof, Region, RegionalOrigin, RoaLength, RoaRule, Sizes,
};
/// A cloud that accepts customer-owned prefixes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Cloud {
    /// Amazon Web Services: EC2 BYOIP, VPC IPAM, Global Accelerator, CloudFront.
    #[default]
    Aws,
    /// Microsoft Azure: Custom IP Prefix.
    Azure,
    /// Oracle Cloud Infrastructure: BYOIP.
    Oci,
}

impl Cloud {
    /// Every cloud, in the order `byoip clouds` lists them.
    pub const ALL: [Cloud; 3] = [Cloud::Aws, Cloud::Azure, Cloud::Oci];

    /// The name used on the command line and in manifests and JSON (`aws`, `azure`, `oci`).
    pub fn name(self) -> &'static str {
        match self {
            Cloud::Aws => "aws",
            Cloud::Azure => "azure",
            Cloud::Oci => "oci",
        }
    }

    /// The vendor's short name, for sentences ("AWS", "Azure", "Oracle").
    pub fn vendor(self) -> &'static str {
        match self {
            Cloud::Aws => "AWS",
            Cloud::Azure => "Azure",
            Cloud::Oci => "Oracle",
        }
    }
}

impl Cloud {
    /// The scheme this cloud's message is signed with and the encoding of the signature;
    /// `None` for a cloud that signs nothing (Oracle's registry token). A value, so the
    /// signer need not read the profile; the profile's `proof` says the same (its test).
    pub(crate) const fn signing(self) -> Option<(Scheme, Encoding)> {
        match self {
            Cloud::Aws => Some((Scheme::RsaPssSha256, Encoding::AwsBase64)),
            Cloud::Azure => Some((Scheme::RsaPkcs1v15Sha256, Encoding::Base64)),
            Cloud::Oci => None,
        }
    }
}

impl fmt::Display for Cloud {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// A cloud name that is not one of [`Cloud::ALL`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCloud(pub String);

impl fmt::Display for UnknownCloud {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = Cloud::ALL.iter().map(|c| c.name()).collect();
        write!(f, "unknown cloud {:?}: use {}", self.0, names.join(", "))
    }
}

impl std::error::Error for UnknownCloud {}

impl FromStr for Cloud {
    type Err = UnknownCloud;
    fn from_str(s: &str) -> Result<Self, UnknownCloud> {
        let lower = s.trim().to_ascii_lowercase();
        Cloud::ALL
            .into_iter()
            .find(|c| c.name() == lower)
            .ok_or_else(|| UnknownCloud(s.to_string()))
    }
}

/// An RSA signature scheme (RFC 8017).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Scheme {
    /// RSASSA-PSS, SHA-256, MGF1-SHA-256, salt 32 (RFC 8017 section 8.1).
    RsaPssSha256,
    /// RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017 section 8.2): deterministic.
    RsaPkcs1v15Sha256,
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Scheme::RsaPssSha256 => "RSASSA-PSS, SHA-256, salt 32",
            Scheme::RsaPkcs1v15Sha256 => "RSASSA-PKCS1-v1_5, SHA-256",
        })
    }
}

/// How signature bytes are written as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Encoding {
    /// RFC 4648 base64 with AWS's three substitutions (`+`→`-`, `=`→`_`, `/`→`~`).
    AwsBase64,
    /// RFC 4648 section 4 base64 with padding, as `openssl base64` writes it (one line).
    Base64,
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Encoding::AwsBase64 => "base64 with + / = written - ~ _",
            Encoding::Base64 => "standard base64 with padding",
        })
    }
}

/// Where in a record a proof goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Field {
    /// ARIN's Public Comments of the network (RDAP: the network's own remarks).
    PublicComments,
    /// A `descr:` line of the inetnum/inet6num (RIPE's RDAP shows it as an untitled remark).
    Descr,
    /// A `remarks:` line of the inetnum/inet6num.
    Remarks,
    /// Not in the record: the cloud takes it through a support ticket.
    SupportTicket,
    /// The cloud does not take this registry's space by this method.
    Unsupported,
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Field::PublicComments => "Public Comments",
            Field::Descr => "descr:",
            Field::Remarks => "remarks:",
            Field::SupportTicket => "support ticket",
            Field::Unsupported => "not supported",
        })
    }
}
