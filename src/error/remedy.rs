//! What to do, as a value: the recommendation half of rage's error/recommendation pairs.
//!
//! The library says what to do in plain words (an error's [`Error::hint`], a check's or a
//! finding's `hint`), for a reader of any front end: the web page shows those words as
//! they are. Beside the words it gives [`Remedy`] values, which a front end turns into its
//! own means: the CLI names the flag that gives an input, the command that fetches the
//! evidence, the manifest key that names a saved file. A remedy carries data (which
//! input, which prefix or ASN), never prose.
//!
//! Unlike [`Error`](super::Error), these enums are exhaustive on purpose: a front end
//! matches every remedy without a catch-all, so a new remedy does not build until each
//! front end says what it means there.
//!
//! [`Error::hint`]: super::Error::hint

use crate::{asn::Asn, cloud::Cloud, prefix::Prefix};

/// One thing to do about an error, a failed or not-run check, a lint finding or a
/// signature diagnosis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Remedy {
    /// Give this input: it was missing, or the one given is wrong.
    Give(Input),
    /// Run this step (byoip's own: a fetch that saves evidence, a signing, …).
    Run(Step),
    /// Change this in what is published or signed, outside byoip.
    Change(Change),
}

/// What a prefix's or an ASN's evidence is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Of {
    /// A prefix (BYOIP).
    Prefix(Prefix),
    /// An AS number (BYOASN).
    Asn(Asn),
}

/// An input a caller gives: a value, a key or a document, or where to ask the network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// The AWS account ID.
    Account,
    /// The Azure subscription ID.
    Subscription,
    /// The prefix (CIDR).
    Prefix,
    /// The AS number.
    Asn,
    /// The message's expiry date.
    Expiry,
    /// The AWS service the prefix is brought to.
    Service,
    /// The cloud's region.
    Region,
    /// The Local Zone's network border group.
    BorderGroup,
    /// How ownership is verified (a certificate in the record, or DNS tokens).
    VerificationMethod,
    /// The ASN that announces the prefix today, or that none does.
    Origin,
    /// The authorization message.
    Message,
    /// The signature of the message.
    Signature,
    /// The message and signature as one authorization context.
    Context,
    /// The signed contexts a batch signing wrote.
    Contexts,
    /// The signing key.
    Key,
    /// The key's passphrase.
    Passphrase,
    /// The certificate of the signing key.
    Certificate,
    /// The certificate's subject.
    Subject,
    /// The IPAM verification token's ID.
    TokenId,
    /// The DNS zone the token's records go in.
    Zone,
    /// Oracle's validation token.
    ValidationToken,
    /// Saved evidence in place of the network.
    Offline,
    /// A longer time to wait for a server.
    Timeout,
    /// Plain HTTP, for a server that has no HTTPS.
    PlainHttp,
    /// The registry's RDAP server.
    RdapServer,
    /// The RDAP bootstrap file.
    Bootstrap,
    /// The RPKI validator.
    Validator,
    /// The RIPE Database server.
    RipeDbServer,
    /// The IRR's whois server.
    IrrServer,
    /// The DNS resolver.
    Resolver,
    /// That the DNS server asked is the names' authoritative server.
    Authoritative,
    /// The saved RDAP record of this prefix or ASN.
    RdapRecord(Of),
    /// Saved VRPs (a validator's export, or the ROAs of one prefix).
    Vrps,
    /// The IRR's saved answer for this prefix.
    IrrObjects(Prefix),
    /// The RIPE Database's saved object for this prefix.
    RipeDbObject(Prefix),
}

/// A step byoip itself offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Fetch and save the RDAP record of this prefix or ASN (recording what was asked,
    /// and when).
    FetchRdap(Of),
    /// Fetch and save the IRR's route objects for this prefix.
    FetchIrr(Prefix),
    /// Fetch and save the ROAs covering this prefix.
    FetchRoas(Prefix),
    /// Fetch and save the RIPE Database object of this prefix.
    FetchRipeDb(Prefix),
    /// Make an RSA-2048 key.
    MakeKey,
    /// Make the key's self-signed certificate.
    MakeCertificate,
    /// Build the message from its fields.
    BuildMessage,
    /// Sign a message for this cloud.
    Sign(Cloud),
    /// Sign the manifest's messages again.
    SignBatch,
    /// List every problem of a message.
    Lint,
    /// Inspect a file: what it is, its fingerprint, what it holds.
    Inspect,
    /// Read the per-cloud rules table.
    Rules,
    /// Plan the DNS token records.
    PlanDnsToken,
    /// Ask the DNS for the token records.
    CheckDnsToken,
    /// Report a fault of byoip.
    Report,
}

/// Something to change outside byoip: in the registry record, the RPKI or the key files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Where, and in which form, the certificate is published in the registry record.
    CertificatePlacement,
    /// The certificate: one of the signing key, valid now and through the expiry.
    Certificate,
    /// The ROA's origin ASN.
    RoaOrigin,
    /// The ROA's maxLength.
    RoaMaxLength,
    /// The key's encryption, to one byoip reads.
    KeyEncryption,
}
