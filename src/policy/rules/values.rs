//! AWS's size, window and Local Zone rules as methods of the values they judge: the
//! values (`crate::prefix`, `crate::service`) say what a prefix or service is, and the
//! rules table's rows say what AWS takes, here, so a value never reads the table.

use super::{
    AWS_EC2_BORDER_GROUP_V6, AWS_GA_PREFIX_V4, AWS_PREFIX_V6, AWS_PREFIX_V6_UNADVERTISED,
    AWS_PREFIX_V6_UNADVERTISED_API, Rule, aws_prefix, aws_window, lengths_of, number_of,
};
use crate::{
    error::Error,
    prefix::{Prefix, SizeViolation},
    service::{NetworkBorderGroup, Service},
};

impl Prefix {
    /// The size rule for `service` (AWS's EC2 BYOIP guide and Global Accelerator's BYOIP
    /// requirements), or `None` when the size is accepted. `advertise` is whether the
    /// range will be publicly advertised (IPv6 only can opt out). The lint words it as the
    /// `prefix.size` finding.
    pub fn size_violation(&self, service: Service, advertise: bool) -> Option<SizeViolation> {
        let len = self.prefix_len();
        // The sizes are the rules table's rows (aws.prefix.*, aws.ipam.prefix.ipv4,
        // aws.ga.prefix.ipv4), each the longest prefix it allows.
        let longest = |rule: &Rule| lengths_of(rule).1;
        let (ga_short, ga_long) = lengths_of(&AWS_GA_PREFIX_V4);
        let v4 = longest(aws_prefix(service, true, advertise));
        let v6 = longest(&AWS_PREFIX_V6);
        let unadvertised = longest(&AWS_PREFIX_V6_UNADVERTISED);
        let api = longest(&AWS_PREFIX_V6_UNADVERTISED_API);
        // CloudFront takes exactly a /24 or a /48 (aws.cloudfront.prefix.*), whatever
        // `advertise` says: it announces every range from its edge locations.
        if service == Service::Cloudfront {
            let (short, long) = lengths_of(aws_prefix(service, self.is_ipv4(), true));
            return (!(short..=long).contains(&len)).then_some(if self.is_ipv4() {
                SizeViolation::CloudFrontNot24
            } else {
                SizeViolation::CloudFrontNot48
            });
        }
        match (self.is_ipv4(), service) {
            (true, Service::Ga) if !(ga_short..=ga_long).contains(&len) => {
                Some(SizeViolation::GlobalAcceleratorNot24)
            }
            (false, Service::Ga) => Some(SizeViolation::GlobalAcceleratorIpv6),
            (true, _) if len > v4 => Some(SizeViolation::Ipv4TooSpecific),
            (false, _) if advertise && len > v6 => Some(SizeViolation::AdvertisedIpv6TooSpecific),
            (false, _) if !advertise && len > unadvertised => {
                Some(SizeViolation::NonAdvertisedIpv6TooSpecific)
            }
            (false, _) if !advertise && len > api => {
                Some(SizeViolation::NonAdvertisedIpv6BeyondApiReference)
            }
            _ => None,
        }
    }
}

impl Service {
    /// How long provisioning may take, in days: what an expiry or certificate must outlast
    /// (AWS's EC2 onboarding guide: up to a week for advertisable ranges; the Global
    /// Accelerator Developer Guide, "Bring your own IP addresses": up to three weeks).
    pub fn provisioning_days(self) -> i64 {
        // The rules table's rows: aws.provisioning-window, aws.ga.provisioning-window.
        i64::from(number_of(aws_window(self)))
    }
}

impl NetworkBorderGroup {
    /// Refuses the group for what cannot go to a Local Zone: a service other than EC2
    /// (IPAM, Global Accelerator and CloudFront take no group) or an IPv6 prefix ("You
    /// cannot provision or advertise BYOIPv6 address ranges in Local Zones at this time").
    pub fn allowed(&self, service: Service, prefix: Prefix) -> Result<(), Error> {
        if service != Service::Ec2 {
            return Err(Error::BorderGroup {
                reason: format!(
                    "a network border group is EC2's: {service} takes no Local Zone group ({} is EC2's provision-byoip-cidr and advertise-byoip-cidr parameter)",
                    self.as_str()
                ),
                hint: "leave out the network border group, or bring the range to EC2".into(),
            });
        }
        if !prefix.is_ipv4() {
            let rule = &AWS_EC2_BORDER_GROUP_V6;
            return Err(Error::BorderGroup {
                reason: format!(
                    "{prefix} is IPv6, and a Local Zone takes BYOIPv4 only: \"{}\" ({})",
                    rule.quote, rule.source.title
                ),
                hint: "provision the IPv6 range in its Region (no network border group)".into(),
            });
        }
        Ok(())
    }
}
