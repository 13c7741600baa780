//! What the report on a prefix is given: the prefix and the cloud's inputs ([`Inputs`]), the
//! signed message ([`Signed`]), and how control of the prefix is proven
//! ([`DnsToken`] for `dns-token`); what [`Inputs::validate`] refuses.

use chrono::{DateTime, Utc};

use super::{
    CurrentOrigin, DnsEvidence, IrrEvidence, NO_KEY_YET, NO_TOKEN_YET, NOT_FOR_DNS_TOKEN,
    NOT_GIVEN_RDAP, NOT_GIVEN_ROAS, Proof, RdapEvidence, RipeDbEvidence, RoaEvidence, irr,
};
use crate::{
    account::AccountId,
    certificate::Certificate,
    cloud::Cloud,
    dnstoken::Token,
    key::VerifyingKey,
    prefix::{Cidr, Prefix},
    service::{Service, VerificationMethod},
    signature::SignatureText,
};

/// A message and signature to check as AWS will. Built with [`Signed::new`], or from an
/// [`AuthorizationContext`](crate::context::AuthorizationContext) (what AWS's CLI is given,
/// or [`SignedMessage::authorization_context`](crate::signature::SignedMessage::authorization_context)
/// of one just signed); `#[non_exhaustive]`: a field may be added.
///
/// ```
/// use byoip::{check::Signed, context::AuthorizationContext};
///
/// let context = AuthorizationContext::parse(
///     r#"Message="1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS",Signature="c2ln""#,
/// )?;
/// let signed = Signed::from(&context);
/// assert_eq!(signed.message, context.message.as_bytes());
/// # Ok::<(), byoip::Error>(())
/// ```
///
/// ```
/// use byoip::{check::Signed, signature::SignatureText};
///
/// let signature = SignatureText::from("c2ln");
/// let signed = Signed::new(b"1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS", &signature);
/// assert_eq!(signed.signature, "c2ln");
/// ```
///
/// ```compile_fail,E0639
/// let signature = byoip::signature::SignatureText::from("c2ln");
/// let signed = byoip::check::Signed { message: b"m", signature: &signature };
/// ```
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Signed<'a> {
    /// The message's exact bytes.
    pub message: &'a [u8],
    /// The signature text, as given.
    pub signature: &'a SignatureText,
}

impl<'a> From<&'a crate::context::AuthorizationContext> for Signed<'a> {
    /// The context's message, byte for byte, and its signature.
    fn from(context: &'a crate::context::AuthorizationContext) -> Self {
        Signed::new(context.message.as_bytes(), &context.signature)
    }
}

impl<'a> Signed<'a> {
    /// `message`'s exact bytes (a trailing newline is part of them, as AWS reads them) and
    /// the signature text made over them.
    pub fn new(message: &'a [u8], signature: &'a SignatureText) -> Self {
        Signed { message, signature }
    }
}

/// The message and signature a check judges, or why there are none.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Given<'a> {
    /// The message and signature, when given.
    pub signed: Option<Signed<'a>>,
    /// Why there are none, when the caller says (the inputs' `no_message`).
    pub why_not: Option<&'a str>,
}

impl<'a> Given<'a> {
    /// The message and signature, or what a check left out for want of them says: the
    /// caller's reason, else `words`.
    pub fn or_why(self, words: &'a str) -> Result<Signed<'a>, &'a str> {
        self.signed.ok_or(self.why_not.unwrap_or(words))
    }
}

/// Why `roa.current-origin` is skipped when the caller gave no current origin.
const NOT_GIVEN_ORIGIN: &str = "the ASN announcing the prefix today was not given";

/// AWS's `dns-token` method (VPC IPAM only; VPC IPAM user guide, "Verify domain control"):
/// the token whose TXT records prove control of the prefix, and what DNS said of them. Under
/// it the certificate, key, message and signature checks do not apply, any registry will
/// do, and `dns.delegation` and `dns.record` judge the DNS answers.
#[derive(Clone, Debug)]
pub struct DnsToken {
    /// The verification token whose records are published.
    pub token: Token,
    /// What the DNS said about them: `online::Sources::check` (feature `net`) asks it; a
    /// caller judging answers it gathered gives them here.
    pub dns: DnsEvidence,
}

/// Everything the report on a prefix judges, for every cloud.
///
/// [`Inputs::new`] takes what an AWS report needs (the prefix, the service, the time), and
/// [`Inputs::for_cloud`] what any cloud's does; the evidence is optional and set on the
/// fields afterwards (evidence not given is `skip`, never a pass). New kinds of evidence
/// may be added as fields, so the struct is built only through a constructor
/// ([`Inputs::new`], [`Inputs::for_cloud`], [`Inputs::for_cidr`]).
///
/// Some fields belong to one cloud, as their documentation says: AWS's `service`,
/// `advertise`, `account`, `method`, `irr` and `network_border_group`, Azure's
/// `subscription`, Oracle's `token` and `region`, Azure's and Oracle's `ripe_db`. One set
/// for another cloud is refused ([`Inputs::validate`]), never left unread.
///
/// ```
/// use byoip::check::{self, CheckId, Inputs, Status};
///
/// let mut inputs = Inputs::new("198.51.100.0/24", byoip::Service::Ec2, byoip::chrono::Utc::now())?;
/// inputs.account = Some("123456789012".parse()?);
/// let report = check::run(&inputs);
/// // Documentation space (RFC 5737): AWS refuses it.
/// assert_eq!(report.get(&CheckId::PrefixPublic).unwrap().status, Status::Fail);
/// // No registry record given: its checks are skipped, not guessed.
/// assert_eq!(report.get(&CheckId::RdapRecord).unwrap().status, Status::Skip);
/// assert!(!report.ok() && !report.ready());
///
/// // Host bits set: the text still names a prefix, and the report says what is wrong with
/// // it; text that names no prefix at all is the error.
/// let inputs = Inputs::new("198.51.100.7/24", byoip::Service::Ec2, byoip::chrono::Utc::now())?;
/// assert_eq!(inputs.cidr.prefix().to_string(), "198.51.100.0/24");
/// let report = check::run(&inputs);
/// assert_eq!(report.get(&CheckId::PrefixCanonical).unwrap().status, Status::Fail);
/// assert!(Inputs::new("198.51.100.0", byoip::Service::Ec2, byoip::chrono::Utc::now()).is_err());
/// # Ok::<(), byoip::Error>(())
/// ```
///
/// Azure and Oracle take the same inputs and the same [`run`](super::run):
///
/// ```
/// use byoip::{Cloud, check::{self, CheckId, Inputs, Status}};
///
/// let mut inputs = Inputs::for_cloud(Cloud::Oci, "62.239.237.0/24", byoip::chrono::Utc::now())?;
/// inputs.token = Some("OCITOKEN::62.239.237.0/24:abc");
/// let report = check::run(&inputs);
/// assert_eq!(report.cloud, Cloud::Oci);
/// assert_eq!(report.get(&CheckId::PrefixCanonical).unwrap().status, Status::Pass);
/// // No registry record given: the token cannot have been seen in it.
/// assert_eq!(report.get(&CheckId::OciToken).unwrap().status, Status::Skip);
/// # Ok::<(), byoip::Error>(())
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Inputs<'a> {
    /// The cloud whose rules the report applies. Default: AWS.
    pub cloud: Cloud,
    /// The CIDR as the user wrote it, and the prefix it denotes: `prefix.canonical` (and
    /// Azure's `message.cidr`) judge the text, every other check the prefix.
    pub cidr: Cidr,
    /// AWS: where it will be provisioned. Default: EC2 (the only value other clouds take).
    pub service: Service,
    /// AWS: publicly advertised (only IPv6 can opt out). Default: true (the only value
    /// other clouds take).
    pub advertise: bool,
    /// The cloud's government regions: AWS GovCloud (US), AS8987 instead of 16509/14618;
    /// Azure US Government, AS8070; Oracle's government realms are refused
    /// ([`Inputs::validate`]). Default: false.
    pub govcloud: bool,
    /// Oracle: the region identifier, where it changes the ROA origin (`eu-jovanovac-1`:
    /// AS14544 instead of AS31898; a government realm's is refused). Default: none.
    pub region: Option<crate::rules::profile::Region>,
    /// AWS: the account that will provision it.
    pub account: Option<AccountId>,
    /// Azure: the subscription the prefix is created in.
    pub subscription: Option<crate::subscription::SubscriptionId>,
    /// Oracle: the validation token, raw (the API's) or as the full line (the console's).
    pub token: Option<&'a str>,
    /// The user's certificate (AWS, Azure; Oracle reads none).
    pub certificate: Option<&'a Certificate>,
    /// The user's key, public half (AWS, Azure; Oracle reads none).
    pub key: Option<&'a VerifyingKey>,
    /// A message and signature (AWS, Azure; Oracle signs nothing).
    pub signed: Option<Signed<'a>>,
    /// Why no message is given, when the caller knows (`batch check`: the contexts file has
    /// none for it): what the checks left out for want of one say, in place of their own
    /// words.
    pub no_message: Option<String>,
    /// RDAP evidence (AWS reads the record and its ancestors; Azure and Oracle the
    /// range's record). Default: not asked (its checks `skip`).
    pub rdap: RdapEvidence,
    /// Azure and Oracle: the RIPE Database object, for RIPE NCC space. Default: not needed
    /// (a RIPE NCC record's `remarks:` then count as not read). An object whose range does
    /// not cover the prefix is not read either (the reason names its range).
    pub ripe_db: RipeDbEvidence,
    /// ROA evidence: one answer per origin of [`Inputs::roa_origins`], computed for this
    /// prefix ([`RoaEvidence::from_vrps`] for a saved VRP file). Default: not asked (its
    /// checks `skip`).
    pub roa: RoaEvidence,
    /// AWS's `dns-token` method with its token and DNS evidence; `None` (the default):
    /// `remarks-x509`, the certificate in the registry record (the only method other clouds
    /// take). [`Inputs::method`] names the method.
    pub dns_token: Option<DnsToken>,
    /// Judge eligibility alone, before the proof of control exists: whether the prefix can
    /// be brought at all (the prefix, registry, allocation-type and ROA checks run),
    /// leaving out the checks of the proof: those that need a key, its certificate or a
    /// signed message (`message.*`, `signature.local`, `key.cert-match`, `cert.*`,
    /// `rdap.certificate`, `rdap.signature`), and Oracle's validation token (`oci.token`).
    /// Such a report is never ready; [`Report::eligible_so_far`](super::Report::eligible_so_far) says whether the rest
    /// passed. Ignored under `dns-token`, which uses no key. Default: false.
    pub eligibility_only: bool,
    /// AWS: the IRR's route objects for the prefix and its more-specifics (`irr.route`).
    /// Default: not given (the check is left out; other clouds' pages state no IRR rule,
    /// so theirs is skipped by rule whatever is given).
    pub irr: IrrEvidence,
    /// The ASN announcing the prefix today, whose ROA `roa.current-origin` looks for in
    /// `roa` ([`Inputs::roa_origins`] includes it). Default: not known (the check is
    /// skipped by rule).
    pub origin: CurrentOrigin,
    /// The clock.
    pub now: DateTime<Utc>,
    /// AWS, EC2 in a Local Zone: the network border group the range is provisioned and
    /// advertised in (IPv4 and EC2 only: [`Inputs::validate`] refuses the rest).
    pub network_border_group: Option<crate::service::NetworkBorderGroup>,
}

impl<'a> Inputs<'a> {
    /// The message and signature, or why there are none.
    pub(crate) fn given(&self) -> Given<'_> {
        Given {
            signed: self.signed,
            why_not: self.no_message.as_deref(),
        }
    }

    /// Inputs for the prefix `cidr` names (as the user wrote it; host bits set are judged by
    /// `prefix.canonical`, not refused here) provisioned to `service`, judged as of `now`:
    /// advertised, not GovCloud, verified by the certificate in the registry record, and no
    /// evidence yet (every check that needs some is `skip`). Text that names no prefix at
    /// all is the error ([`Cidr::parse`]).
    pub fn new(cidr: &str, service: Service, now: DateTime<Utc>) -> Result<Self, crate::Error> {
        Ok(Inputs::for_cidr(Cidr::parse(cidr)?, service, now))
    }

    /// Inputs for the prefix `cidr` names brought to `cloud`, judged as of `now`: for AWS
    /// as [`Inputs::new`] with EC2; not the government regions, no region, and no evidence
    /// yet. Text that names no prefix at all is the error ([`Cidr::parse`]). For CIDR text
    /// already read, [`Inputs::for_cidr`] and set [`Inputs::cloud`].
    ///
    /// ```
    /// use byoip::{Cloud, check::Inputs};
    ///
    /// let inputs = Inputs::for_cloud(Cloud::Azure, "62.239.237.0/24", byoip::chrono::Utc::now())?;
    /// assert_eq!(inputs.cloud, Cloud::Azure);
    /// assert_eq!(inputs.roa_origins(), [byoip::Asn::new(8075)]);
    /// # Ok::<(), byoip::Error>(())
    /// ```
    pub fn for_cloud(cloud: Cloud, cidr: &str, now: DateTime<Utc>) -> Result<Self, crate::Error> {
        Ok(Inputs {
            cloud,
            ..Inputs::new(cidr, Service::Ec2, now)?
        })
    }

    /// [`Inputs::new`] for CIDR text already read.
    pub fn for_cidr(cidr: Cidr, service: Service, now: DateTime<Utc>) -> Self {
        Inputs {
            cloud: Cloud::Aws,
            cidr,
            service,
            advertise: true,
            govcloud: false,
            region: None,
            account: None,
            subscription: None,
            token: None,
            certificate: None,
            key: None,
            signed: None,
            no_message: None,
            rdap: RdapEvidence::NotAsked(NOT_GIVEN_RDAP.into()),
            ripe_db: RipeDbEvidence::NotNeeded,
            roa: RoaEvidence::NotAsked(NOT_GIVEN_ROAS.into()),
            dns_token: None,
            eligibility_only: false,
            irr: IrrEvidence::NotAsked(irr::NOT_GIVEN_IRR.into()),
            origin: CurrentOrigin::Unknown(NOT_GIVEN_ORIGIN.into()),
            now,
            network_border_group: None,
        }
    }

    /// The prefix judged: the one the CIDR text denotes, host bits cleared.
    pub fn prefix(&self) -> Prefix {
        self.cidr.prefix()
    }

    /// How AWS is to verify control of the prefix: `dns-token` when [`Inputs::dns_token`]
    /// is given, else `remarks-x509`.
    pub fn method(&self) -> VerificationMethod {
        match self.dns_token {
            Some(_) => VerificationMethod::DnsToken,
            None => VerificationMethod::RemarksX509,
        }
    }

    /// Refuses inputs no page of the cloud's documents, which [`run`](super::run) does not judge
    /// ([`crate::Error::Undocumented`]): Global Accelerator or CloudFront in AWS GovCloud
    /// (US) (Global Accelerator's BYOIP guide names AS16509 only and says nothing of
    /// GovCloud), and Oracle's government realms (the government flag, or a region such as
    /// `us-langley-1`, `us-luke-1` or any `…-gov-…`), whose BGP ASN Oracle's BYOIP page
    /// leaves to another page. A network border group is refused for what cannot go to a
    /// Local Zone: a service other than EC2, an IPv6 prefix
    /// ([`crate::service::NetworkBorderGroup::allowed`]). An input of another cloud (an AWS
    /// account or service for Azure, Oracle's token for AWS) is
    /// [`crate::Error::WrongCloud`]: the report would not read it.
    ///
    /// ```
    /// use byoip::check::{self, Inputs, Status};
    ///
    /// let mut inputs = Inputs::new("192.0.2.0/24", byoip::Service::Ga, byoip::chrono::Utc::now())?;
    /// inputs.govcloud = true;
    /// let e = inputs.validate().unwrap_err();
    /// assert!(e.to_string().starts_with("Global Accelerator in AWS GovCloud (US) is not documented"));
    /// // run judges nothing then: its one check did not run, so it is never ready.
    /// let report = check::run(&inputs);
    /// assert_eq!(report.checks.len(), 1);
    /// assert_eq!(report.checks[0].status, Status::NotRun);
    /// // It cites the rules-table row that refuses the pair.
    /// assert_eq!(report.checks[0].rules(), ["aws.ga.govcloud"]);
    /// assert!(!report.ready());
    /// # Ok::<(), byoip::Error>(())
    /// ```
    ///
    /// ```
    /// use byoip::{Cloud, check::{self, Inputs}};
    ///
    /// let mut inputs = Inputs::for_cloud(Cloud::Oci, "192.0.2.0/24", byoip::chrono::Utc::now())?;
    /// inputs.region = Some("us-langley-1".parse()?);
    /// assert!(inputs.validate().is_err());
    /// assert!(!check::run(&inputs).ready());
    /// // Azure reads no AWS account.
    /// let mut inputs = Inputs::for_cloud(Cloud::Azure, "192.0.2.0/24", byoip::chrono::Utc::now())?;
    /// inputs.account = Some("123456789012".parse()?);
    /// assert!(matches!(inputs.validate(), Err(byoip::Error::WrongCloud { .. })));
    /// # Ok::<(), byoip::Error>(())
    /// ```
    pub fn validate(&self) -> Result<(), crate::Error> {
        match self.refusal() {
            Some((e, _)) => Err(e),
            None => Ok(()),
        }
    }

    /// What [`Inputs::validate`] refuses, and the rules-table row that refuses it (none for
    /// an input of another cloud, which no row is about).
    pub(super) fn refusal(&self) -> Option<(crate::Error, Option<&'static crate::rules::Rule>)> {
        if let Some(input) = self.foreign_input() {
            let e = crate::Error::WrongCloud {
                cloud: self.cloud,
                input,
            };
            return Some((e, None));
        }
        match self.cloud {
            Cloud::Aws => {
                if let Err(e) =
                    crate::rules::profile::refuse_undocumented_aws(self.service, self.govcloud)
                {
                    let row = match self.service {
                        Service::Cloudfront => &crate::rules::AWS_CF_GOVCLOUD,
                        _ => &crate::rules::AWS_GA_GOVCLOUD,
                    };
                    return Some((e, Some(row)));
                }
                let group = self.network_border_group.as_ref()?;
                let e = group.allowed(self.service, self.prefix()).err()?;
                // EC2 takes a group for IPv4: what was refused is IPv6.
                let row = match self.service {
                    Service::Ec2 => &crate::rules::AWS_EC2_BORDER_GROUP_V6,
                    _ => &crate::rules::AWS_EC2_BORDER_GROUP,
                };
                Some((e, Some(row)))
            }
            Cloud::Oci => {
                crate::rules::profile::refuse_undocumented_oci(self.region.as_ref(), self.govcloud)
                    .err()
                    .map(|e| (e, Some(&crate::rules::OCI_GOVERNMENT)))
            }
            Cloud::Azure => None,
        }
    }

    /// The first input given that belongs to another cloud than [`Inputs::cloud`], named
    /// for the error: the cloud's report would not read it.
    fn foreign_input(&self) -> Option<&'static str> {
        let aws = self.cloud == Cloud::Aws;
        [
            (!aws && self.service != Service::Ec2, "an AWS service"),
            (!aws && !self.advertise, "not advertising (AWS's option)"),
            (!aws && self.account.is_some(), "an AWS account"),
            (
                !aws && self.network_border_group.is_some(),
                "a network border group (AWS's)",
            ),
            (
                !aws && self.dns_token.is_some(),
                "dns-token verification (VPC IPAM's)",
            ),
            (
                self.cloud != Cloud::Azure && self.subscription.is_some(),
                "an Azure subscription",
            ),
            (
                self.cloud != Cloud::Oci && self.token.is_some(),
                "an Oracle validation token",
            ),
            (
                self.cloud != Cloud::Oci && self.region.is_some(),
                "an Oracle region",
            ),
        ]
        .into_iter()
        .find_map(|(given, what)| given.then_some(what))
    }

    /// How the report takes the proof of control: skipped by rule under `dns-token`, left
    /// out for eligibility alone, else judged.
    pub(super) fn proof(&self) -> Proof {
        if self.dns_token.is_some() {
            Proof::DoesNotApply(NOT_FOR_DNS_TOKEN)
        } else if !self.eligibility_only {
            Proof::Judged
        } else if self.cloud == Cloud::Oci {
            Proof::NotYet(NO_TOKEN_YET)
        } else {
            Proof::NotYet(NO_KEY_YET)
        }
    }
}
