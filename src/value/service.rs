//! The AWS services a prefix is brought to: EC2 BYOIP (`aws ec2 provision-byoip-cidr`), VPC

use std::{fmt, str::FromStr};

use serde::Serialize;

use crate::error::Error;

/// Which AWS API the prefix is brought to; the size rules and ROA rules differ.
///
/// IPAM (`aws ec2 provision-ipam-pool-cidr`), Global Accelerator
/// (`aws globalaccelerator provision-byoip-cidr`) and CloudFront, through an IPAM pool with
/// locale None (VPC IPAM User Guide, "Bring your own IP to CloudFront using IPAM (supports
/// IPv4 and IPv6)",
/// <https://docs.aws.amazon.com/vpc/latest/ipam/tutorials-byoip-cloudfront.html>). Their
/// size rules are in
/// [`crate::Prefix`], their ROA rules in [`crate::roa`]; how long each may take to provision
/// is here: AWS, "Onboard your address range for use in Amazon EC2"
/// (<https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/byoip-onboard.html>), and the
/// Global Accelerator Developer Guide, "Bring your own IP addresses"
/// (<https://docs.aws.amazon.com/global-accelerator/latest/dg/using-byoip.html>).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Service {
    /// `aws ec2 provision-byoip-cidr`.
    #[default]
    Ec2,
    /// `aws ec2 provision-ipam-pool-cidr` (top-level public pool, `remarks-x509`).
    Ipam,
    /// `aws globalaccelerator provision-byoip-cidr`.
    Ga,
    /// CloudFront (anycast): `aws ec2 provision-ipam-pool-cidr` into a top-level IPAM pool,
    /// then a pool with locale None for global services; IPv4 /24 or IPv6 /48 exactly.
    Cloudfront,
}

impl FromStr for Service {
    type Err = Error;
    /// `ec2`, `ipam`, `ga` (also `globalaccelerator`, `global-accelerator`) or `cloudfront`,
    /// in any case.
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.to_ascii_lowercase().as_str() {
            "ec2" => Ok(Service::Ec2),
            "ipam" => Ok(Service::Ipam),
            "ga" | "globalaccelerator" | "global-accelerator" => Ok(Service::Ga),
            "cloudfront" => Ok(Service::Cloudfront),
            _ => Err(Error::Service { input: s.into() }),
        }
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Service::Ec2 => "ec2",
            Service::Ipam => "ipam",
            Service::Ga => "ga",
            Service::Cloudfront => "cloudfront",
        })
    }
}

/// A Local Zone's network border group (`us-west-2-lax-1`): where EC2 provisions and
/// advertises a BYOIPv4 range when it is not the Region's own (EC2 API Reference,
/// `ByoipCidr`: "you can choose a network border group for Local Zones when you provision
/// and advertise a BYOIPv4 CIDR";
/// <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ByoipCidr.html>).
///
/// Its shape is checked, not a list: the parent Region's code (`us-west-2`: two letters,
/// words, a number), then the location (`lax`: three letters) and a number, as AWS's
/// "Available Local Zones" writes the groups (`us-east-1-dfw-2`, `ap-southeast-1-bkk-1`).
/// A Region alone, a zone's name (`us-west-2-lax-1a`) and a Wavelength group are refused,
/// each saying why. Which groups take BYOIP is AWS's list, and it grows: AWS answers that.
///
/// ```
/// use byoip::{Prefix, Service, NetworkBorderGroup};
///
/// let lax: NetworkBorderGroup = "us-west-2-lax-1".parse()?;
/// let v4: Prefix = "198.51.100.0/24".parse()?;
/// assert!(lax.allowed(Service::Ec2, v4).is_ok());
/// // IPv6 cannot go to a Local Zone, and only EC2 takes a group.
/// assert!(lax.allowed(Service::Ec2, "2001:db8::/48".parse()?).is_err());
/// assert!(lax.allowed(Service::Ipam, v4).is_err());
/// assert!("us-west-2-lax-1a".parse::<NetworkBorderGroup>().is_err());
/// # Ok::<(), byoip::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NetworkBorderGroup(String);

impl NetworkBorderGroup {
    /// The group's name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for NetworkBorderGroup {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let parts: Vec<&str> = s.split('-').collect();
        let letters = |w: &str, n: Option<usize>| {
            !w.is_empty()
                && n.is_none_or(|n| w.len() == n)
                && w.bytes().all(|b| b.is_ascii_lowercase())
        };
        let number =
            |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()) && !w.starts_with('0');
        // REGION-CITY-N, REGION being AREA-WORD…-N.
        let region_shaped = |p: &[&str]| {
            p.len() >= 3
                && letters(p[0], Some(2))
                && p[1..p.len() - 1].iter().all(|w| letters(w, None))
                && number(p[p.len() - 1])
        };
        let n = parts.len();
        if n >= 5
            && region_shaped(&parts[..n - 2])
            && letters(parts[n - 2], Some(3))
            && number(parts[n - 1])
        {
            return Ok(NetworkBorderGroup(s.to_string()));
        }
        let refuse = |reason: String, hint: String| Error::BorderGroup { reason, hint };
        Err(if region_shaped(&parts) {
            refuse(
                format!("{s:?} is a Region, not a Local Zone's network border group"),
                "leave out the network border group for the Region's own: give one only for a Local Zone, such as us-west-2-lax-1".into(),
            )
        } else if let Some(group) = s
            .strip_suffix(|c: char| c.is_ascii_lowercase())
            .filter(|g| g.parse::<NetworkBorderGroup>().is_ok())
        {
            refuse(
                format!("{s:?} is a Local Zone's name, not its network border group"),
                format!("give the zone's network border group, {group}"),
            )
        } else {
            refuse(
                format!(
                    "{s:?} is not a Local Zone network border group: REGION-LOCATION-N in lower case, such as us-west-2-lax-1"
                ),
                "copy the Network Border Group column of AWS's \"Available Local Zones\" list"
                    .into(),
            )
        })
    }
}

impl fmt::Display for NetworkBorderGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

/// How AWS is to verify control of a prefix: `--verification-method` of
/// `provision-ipam-pool-cidr` (EC2 API reference, `ProvisionIpamPoolCidr`), with AWS's names.
/// Not a signature's verdict (`signature::Verification`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub enum VerificationMethod {
    /// `remarks-x509`: the signed message and the certificate in the registry record (EC2,
    /// IPAM, Global Accelerator; the only method other clouds take).
    #[default]
    #[serde(rename = "remarks-x509")]
    RemarksX509,
    /// `dns-token`: TXT records in the prefix's reverse DNS (IPAM only; VPC IPAM user guide,
    /// "Verify domain control").
    #[serde(rename = "dns-token")]
    DnsToken,
}

impl VerificationMethod {
    /// AWS's name for the method: `remarks-x509` or `dns-token`.
    pub fn as_str(self) -> &'static str {
        match self {
            VerificationMethod::RemarksX509 => "remarks-x509",
            VerificationMethod::DnsToken => "dns-token",
        }
    }
}

impl FromStr for VerificationMethod {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "remarks-x509" => Ok(VerificationMethod::RemarksX509),
            "dns-token" => Ok(VerificationMethod::DnsToken),
            _ => Err(Error::VerificationMethod {
                input: s.to_string(),
            }),
        }
    }
}

impl fmt::Display for VerificationMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_are_read_by_their_names_and_aliases() {
        for (s, want) in [
            ("ec2", Service::Ec2),
            ("EC2", Service::Ec2),
            ("ipam", Service::Ipam),
            ("ga", Service::Ga),
            ("globalaccelerator", Service::Ga),
            ("Global-Accelerator", Service::Ga),
            ("cloudfront", Service::Cloudfront),
            ("CloudFront", Service::Cloudfront),
        ] {
            assert_eq!(s.parse::<Service>().ok(), Some(want), "{s}");
            assert_eq!(want.to_string().parse::<Service>().ok(), Some(want));
        }
        let e = "vpc".parse::<Service>().unwrap_err();
        assert_eq!(e.to_string(), "unknown service \"vpc\"");
        assert!(
            e.hint().contains("ec2, ipam, ga or cloudfront"),
            "{}",
            e.hint()
        );
    }

    #[test]
    fn global_accelerator_may_take_three_weeks_ec2_and_ipam_one() {
        assert_eq!(Service::Ga.provisioning_days(), 21);
        assert_eq!(Service::Ec2.provisioning_days(), 7);
        assert_eq!(Service::Ipam.provisioning_days(), 7);
        // CloudFront's range is provisioned into an IPAM pool, as IPAM's.
        assert_eq!(Service::Cloudfront.provisioning_days(), 7);
    }

    #[test]
    fn border_groups_are_local_zone_shaped() {
        for good in [
            "us-west-2-lax-1",
            "us-east-1-dfw-2",
            "us-west-2-phx-2",
            "ap-southeast-1-bkk-1",
            "us-gov-west-1-abc-1",
        ] {
            let g: NetworkBorderGroup = good.parse().unwrap();
            assert_eq!(g.to_string(), good);
        }
        let why = |s: &str| s.parse::<NetworkBorderGroup>().unwrap_err();
        assert_eq!(
            why("us-west-2").to_string(),
            "\"us-west-2\" is a Region, not a Local Zone's network border group"
        );
        let zone = why("us-west-2-lax-1a");
        assert_eq!(
            zone.to_string(),
            "\"us-west-2-lax-1a\" is a Local Zone's name, not its network border group"
        );
        assert_eq!(
            zone.hint(),
            "give the zone's network border group, us-west-2-lax-1"
        );
        for bad in [
            "",
            "US-WEST-2-LAX-1",
            "us-west-2-lax1",
            "us-west-2-la-1",
            "us-west-2-lax-0",
            "us-west-2-lax-01",
            "us-east-1-wl1-bos-wlz-1",
            "usa-west-2-lax-1",
            "us--2-lax-1",
            "us-west-2-lax-1 ",
        ] {
            assert!(
                why(bad)
                    .to_string()
                    .contains("is not a Local Zone network border group"),
                "{bad:?}: {}",
                why(bad)
            );
        }
    }

    #[test]
    fn only_ec2_and_ipv4_take_a_border_group() {
        let g: NetworkBorderGroup = "us-west-2-lax-1".parse().unwrap();
        let v4: crate::Prefix = "192.0.2.0/24".parse().unwrap();
        let v6: crate::Prefix = "2001:db8::/48".parse().unwrap();
        assert!(g.allowed(Service::Ec2, v4).is_ok());
        for s in [Service::Ipam, Service::Ga, Service::Cloudfront] {
            let e = g.allowed(s, v4).unwrap_err();
            assert!(
                e.to_string()
                    .starts_with("a network border group is EC2's: "),
                "{e}"
            );
        }
        let e = g.allowed(Service::Ec2, v6).unwrap_err();
        assert!(
            e.to_string().contains(
                "You cannot provision or advertise BYOIPv6 address ranges in Local Zones"
            ),
            "{e}"
        );
    }

    #[test]
    fn methods_read_and_print_as_aws_names_them() {
        for (text, m) in [
            ("remarks-x509", VerificationMethod::RemarksX509),
            ("dns-token", VerificationMethod::DnsToken),
        ] {
            assert_eq!(text.parse::<VerificationMethod>().unwrap(), m);
            assert_eq!(m.to_string(), text);
        }
        for bad in ["dns", "DNS-TOKEN", ""] {
            let e = bad.parse::<VerificationMethod>().unwrap_err();
            assert!(
                matches!(&e, Error::VerificationMethod { input } if input == bad),
                "{e:?}"
            );
            assert!(
                e.to_string().contains("use remarks-x509 or dns-token"),
                "{e}"
            );
            assert!(e.hint().contains("dns-token"), "{}", e.hint());
        }
    }
}
