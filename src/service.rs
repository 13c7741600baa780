//! The AWS services a prefix is brought to: EC2 BYOIP (`aws ec2 provision-byoip-cidr`), VPC
//! IPAM (`aws ec2 provision-ipam-pool-cidr`) and Global Accelerator
//! (`aws globalaccelerator provision-byoip-cidr`). Their size rules are in
//! [`crate::prefix`], their ROA rules in [`crate::roa`]; how long each may take to provision
//! is here: AWS, "Onboard your address range for use in Amazon EC2"
//! (<https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/byoip-onboard.html>), and the
//! Global Accelerator Developer Guide, "Bring your own IP addresses"
//! (<https://docs.aws.amazon.com/global-accelerator/latest/dg/using-byoip.html>).

use std::{fmt, str::FromStr};

use serde::Serialize;

use crate::error::Error;

/// Which AWS API the prefix is brought to; the size rules and ROA rules differ.
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
}

impl Service {
    /// How long provisioning may take, in days: what an expiry or certificate must outlast
    /// (AWS's EC2 onboarding guide: up to a week for advertisable ranges; the Global
    /// Accelerator Developer Guide, "Bring your own IP addresses": up to three weeks).
    pub fn provisioning_days(self) -> i64 {
        // The rules table's rows: aws.provisioning-window, aws.ga.provisioning-window.
        i64::from(crate::rules::number_of(crate::rules::aws_window(self)))
    }
}

impl FromStr for Service {
    type Err = Error;
    /// `ec2`, `ipam` or `ga` (also `globalaccelerator`, `global-accelerator`), in any case.
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.to_ascii_lowercase().as_str() {
            "ec2" => Ok(Service::Ec2),
            "ipam" => Ok(Service::Ipam),
            "ga" | "globalaccelerator" | "global-accelerator" => Ok(Service::Ga),
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
        })
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
        ] {
            assert_eq!(s.parse::<Service>().ok(), Some(want), "{s}");
            assert_eq!(want.to_string().parse::<Service>().ok(), Some(want));
        }
        let e = "vpc".parse::<Service>().unwrap_err();
        assert_eq!(e.to_string(), "unknown service \"vpc\"");
        assert!(e.hint().contains("ec2, ipam or ga"), "{}", e.hint());
    }

    #[test]
    fn global_accelerator_may_take_three_weeks_ec2_and_ipam_one() {
        assert_eq!(Service::Ga.provisioning_days(), 21);
        assert_eq!(Service::Ec2.provisioning_days(), 7);
        assert_eq!(Service::Ipam.provisioning_days(), 7);
    }
}
