//! The client's address behind the province's load balancers: the peer
//! address, unless the peer is a configured trusted proxy, in which case
//! the nearest address in `X-Forwarded-For` that is not a trusted proxy.

use crate::error::{Error, Result};
use ipnet::IpNet;
use std::net::IpAddr;

/// The proxies whose `X-Forwarded-For` is believed (`ANJIAN_TRUSTED_PROXIES`).
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses a comma-separated list of addresses and CIDR blocks, e.g.
    /// `10.20.0.0/16, 10.30.1.5`.
    pub fn parse(list: &str) -> Result<TrustedProxies> {
        let mut nets = Vec::new();
        for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let net = item
                .parse::<IpNet>()
                .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| {
                    Error::field(
                        "trustedProxies",
                        "可信代理应为 IP 地址或 CIDR 网段",
                        &format!(
                            "a trusted proxy must be an IP address or CIDR block, not {item:?}"
                        ),
                    )
                })?;
            nets.push(net);
        }
        Ok(TrustedProxies(nets))
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|n| n.contains(&ip))
    }

    /// The client of a request from `peer` carrying `forwarded_for` (every
    /// `X-Forwarded-For` header, in order). Addresses are read from the
    /// right; the first that is not a trusted proxy is the client. A
    /// malformed entry ends the walk at the proxy that added it.
    pub fn client(&self, peer: IpAddr, forwarded_for: &[&str]) -> IpAddr {
        let mut client = canonical(peer);
        if !self.trusts(client) {
            return client;
        }
        let hops = forwarded_for
            .iter()
            .flat_map(|h| h.split(','))
            .map(str::trim)
            .rev();
        for hop in hops {
            match hop.parse::<IpAddr>() {
                Ok(ip) => {
                    client = canonical(ip);
                    if !self.trusts(client) {
                        return client;
                    }
                }
                Err(_) => return client,
            }
        }
        client
    }
}

/// IPv4-mapped IPv6 addresses as IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map(IpAddr::V4)
            .unwrap_or(IpAddr::V6(v6)),
        v4 => v4,
    }
}

/// The key rate limits count an address under: an IPv4 address itself, an
/// IPv6 address by its /64 (one subscriber's network), anything else as is.
pub fn limit_group(addr: &str) -> String {
    match addr.parse::<IpAddr>().map(canonical) {
        Ok(IpAddr::V6(v6)) => match ipnet::Ipv6Net::new(v6, 64) {
            Ok(n) => n.trunc().to_string(),
            Err(_) => v6.to_string(),
        },
        Ok(v4) => v4.to_string(),
        Err(_) => addr.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        let t = TrustedProxies::parse("10.0.0.0/8").expect("parse");
        assert_eq!(t.client(ip("203.0.113.9"), &["1.2.3.4"]), ip("203.0.113.9"));
        assert_eq!(
            TrustedProxies::default().client(ip("10.0.0.1"), &["1.2.3.4"]),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn a_trusted_proxy_names_the_client_nearest_it() {
        let t = TrustedProxies::parse("10.0.0.0/8, 192.168.1.1").expect("parse");
        // The client forged the first entry; the proxies added the rest.
        let xff = ["6.6.6.6, 198.51.100.7", "10.1.1.1"];
        assert_eq!(t.client(ip("192.168.1.1"), &xff), ip("198.51.100.7"));
        assert_eq!(t.client(ip("10.0.0.2"), &[]), ip("10.0.0.2"));
        assert_eq!(t.client(ip("10.0.0.2"), &["garbage"]), ip("10.0.0.2"));
        assert_eq!(
            t.client(ip("::ffff:10.0.0.2"), &["198.51.100.8"]),
            ip("198.51.100.8")
        );
    }

    #[test]
    fn bad_lists_are_refused() {
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert!(TrustedProxies::parse("proxy.local").is_err());
        assert!(TrustedProxies::parse(" ").expect("empty").0.is_empty());
    }

    #[test]
    fn ipv6_is_grouped_by_64() {
        assert_eq!(limit_group("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(
            limit_group("2001:db8:1:2:bbbb::9"),
            limit_group("2001:db8:1:2:aaaa::1")
        );
        assert_ne!(
            limit_group("2001:db8:1:3::1"),
            limit_group("2001:db8:1:2::1")
        );
        assert_eq!(limit_group("::ffff:192.0.2.1"), "192.0.2.1");
        assert_eq!(limit_group("192.0.2.1"), "192.0.2.1");
    }
}
