//! A DNS server on 127.0.0.1 (UDP and TCP on one ephemeral port) for the dns-token tests,
//! answering like a recursive resolver from a table of zones and TXT records: NXDOMAIN and
//! NODATA carry the enclosing zone's SOA in the authority section (RFC 2308 §3); CNAMEs are
//! followed within what it knows, the rcode and SOA then of the chain's last name (RFC 1034
//! §3.6.2, RFC 2308 §2.1). It can answer like an authoritative server instead: RA clear, AA
//! set, and referrals (NS in the authority section, AA clear) for the zones it delegates
//! (RFC 1035 §4.1.1). It can also misbehave on purpose: SERVFAIL for chosen names, never
//! answer (every name, or chosen names, as a resolver behind a dead delegation), answer
//! garbage, or truncate every UDP answer so the client must ask again over TCP. Built on
//! hickory-proto's message types.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::{
    io::{Read, Write},
    net::{SocketAddr, TcpListener, TcpStream, UdpSocket},
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    thread,
    time::Duration,
};

use hickory_proto::{
    op::{Message, OpCode, ResponseCode},
    rr::{
        Name, RData, Record, RecordType,
        rdata::{CNAME, NS, SOA, TXT},
    },
};

/// How the server behaves.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Answers every question.
    Answer,
    /// Reads questions and never answers (UDP and TCP).
    Silent,
    /// Answers over UDP with TC set and no records; full answers over TCP.
    TruncateUdp,
    /// Answers every UDP question with bytes that are not DNS, then with the right answer
    /// under another message id (RFC 5452 §9.1: neither may be taken).
    Garbage,
}

/// What the server knows.
#[derive(Clone, Default)]
pub struct Zones {
    /// Zone apexes it serves (an SOA each), e.g. "198.in-addr.arpa".
    pub apexes: Vec<String>,
    /// TXT records: owner name and the record's character-strings. Several entries for one
    /// name are several records.
    pub txt: Vec<(String, Vec<Vec<u8>>)>,
    /// Names whose every question gets SERVFAIL.
    pub servfail: Vec<String>,
    /// Names whose questions get no answer at all, over UDP or TCP.
    pub silent: Vec<String>,
    /// CNAMEs: owner name and target.
    pub cnames: Vec<(String, String)>,
    /// Zone cuts inside the zones served, each with the name of its name server: a
    /// question at or below one gets a referral (RFC 1034 §4.3.2 step 3b).
    pub delegations: Vec<(String, String)>,
    /// Answers with RA clear: a server that does not recurse.
    pub no_recursion: bool,
    /// Answers from the zones served with AA set: an authoritative server.
    pub authoritative: bool,
    /// Writes every TXT answer under this owner name instead of the name asked: a server
    /// (or a spoofer) answering for another name, which RFC 5452 §9.1 says not to take.
    pub txt_owner: Option<String>,
}

/// Whether `name` is `zone` or below it.
fn in_zone(name: &str, zone: &str) -> bool {
    name == zone || name.ends_with(&format!(".{zone}"))
}

impl Zones {
    pub fn apex(mut self, zone: &str) -> Self {
        self.apexes.push(zone.to_string());
        self
    }
    pub fn txt(mut self, name: &str, strings: &[&str]) -> Self {
        self.txt.push((
            name.to_string(),
            strings.iter().map(|s| s.as_bytes().to_vec()).collect(),
        ));
        self
    }
    pub fn servfail(mut self, name: &str) -> Self {
        self.servfail.push(name.to_string());
        self
    }
    /// Never answers questions for `name`.
    pub fn silent(mut self, name: &str) -> Self {
        self.silent.push(name.to_string());
        self
    }
    pub fn cname(mut self, owner: &str, target: &str) -> Self {
        self.cnames.push((owner.to_string(), target.to_string()));
        self
    }
    /// Delegates `zone` (inside a zone served) to the name server `ns`.
    pub fn delegate(mut self, zone: &str, ns: &str) -> Self {
        self.delegations.push((zone.to_string(), ns.to_string()));
        self
    }
    /// Answers as an authoritative server: RA clear, AA set.
    pub fn authoritative(mut self) -> Self {
        self.no_recursion = true;
        self.authoritative = true;
        self
    }
    /// Writes TXT answers under the owner name `owner`, whatever the question.
    pub fn txt_owner(mut self, owner: &str) -> Self {
        self.txt_owner = Some(owner.to_string());
        self
    }
    /// Answers with RA clear, as a server that does not recurse.
    pub fn no_recursion(mut self) -> Self {
        self.no_recursion = true;
        self
    }

    fn zone_of(&self, name: &str) -> Option<&String> {
        self.apexes
            .iter()
            .filter(|z| in_zone(name, z))
            .max_by_key(|z| z.len())
    }

    /// Whether the question of `query` is for a name this server never answers.
    fn is_silent(&self, query: &Message) -> bool {
        query.queries.first().is_some_and(|q| {
            let name = q
                .name()
                .to_ascii()
                .trim_end_matches('.')
                .to_ascii_lowercase();
            self.silent.contains(&name)
        })
    }

    fn soa(zone: &str) -> Record {
        Record::from_rdata(
            Name::from_ascii(format!("{zone}.")).unwrap(),
            300,
            RData::SOA(SOA::new(
                Name::from_ascii("ns1.example.").unwrap(),
                Name::from_ascii("hostmaster.example.").unwrap(),
                1,
                3600,
                600,
                86400,
                300,
            )),
        )
    }

    /// The full answer to `query`.
    fn answer(&self, query: &Message) -> Message {
        let mut m = Message::response(query.metadata.id, OpCode::Query);
        m.metadata.recursion_desired = query.metadata.recursion_desired;
        m.metadata.recursion_available = !self.no_recursion;
        let Some(q) = query.queries.first() else {
            m.metadata.response_code = ResponseCode::FormErr;
            return m;
        };
        m.add_query(q.clone());
        let mut name = q
            .name()
            .to_ascii()
            .trim_end_matches('.')
            .to_ascii_lowercase();
        if self.servfail.contains(&name) {
            m.metadata.response_code = ResponseCode::ServFail;
            return m;
        }
        // The CNAME chain, within what this server knows (bounded: a loop ends).
        if q.query_type() != RecordType::CNAME {
            for _ in 0..8 {
                let Some((owner, target)) = self.cnames.iter().find(|(o, _)| *o == name) else {
                    break;
                };
                m.add_answer(Record::from_rdata(
                    Name::from_ascii(format!("{owner}.")).unwrap(),
                    300,
                    RData::CNAME(CNAME(Name::from_ascii(format!("{target}.")).unwrap())),
                ));
                name = target.clone();
            }
        }
        let Some(zone) = self.zone_of(&name).cloned() else {
            // A chain leading outside what it knows ends with the CNAME alone.
            if m.answers.is_empty() {
                m.metadata.response_code = ResponseCode::ServFail;
            }
            return m;
        };
        if let Some((cut, ns)) = self.delegations.iter().find(|(c, _)| in_zone(&name, c)) {
            // Below a zone cut: a referral, not an answer (AA clear).
            m.add_authority(Record::from_rdata(
                Name::from_ascii(format!("{cut}.")).unwrap(),
                300,
                RData::NS(NS(Name::from_ascii(format!("{ns}.")).unwrap())),
            ));
            return m;
        }
        m.metadata.authoritative = self.authoritative;
        let mut found = false;
        match q.query_type() {
            RecordType::TXT => {
                for (owner, strings) in self.txt.iter().filter(|(o, _)| *o == name) {
                    let owner = self.txt_owner.as_ref().unwrap_or(owner);
                    let strings: Vec<&[u8]> = strings.iter().map(Vec::as_slice).collect();
                    m.add_answer(Record::from_rdata(
                        Name::from_ascii(format!("{owner}.")).unwrap(),
                        300,
                        RData::TXT(TXT::from_bytes(strings)),
                    ));
                    found = true;
                }
            }
            RecordType::SOA if name == zone => {
                m.add_answer(Self::soa(&zone));
                found = true;
            }
            _ => {}
        }
        if !found {
            let below = |o: &String| in_zone(o, &name);
            let exists = name == zone
                || self.txt.iter().any(|(o, _)| below(o))
                || self.cnames.iter().any(|(o, _)| below(o))
                || self.apexes.iter().any(below);
            if !exists {
                m.metadata.response_code = ResponseCode::NXDomain;
            }
            m.add_authority(Self::soa(&zone));
        }
        m
    }
}

pub struct DnsServer {
    pub addr: SocketAddr,
    udp_queries: Arc<AtomicUsize>,
    tcp_queries: Arc<AtomicUsize>,
}

impl DnsServer {
    /// Starts a server on 127.0.0.1 (UDP and TCP on the same port).
    pub fn start(zones: Zones, mode: Mode) -> DnsServer {
        let (udp, tcp) = loop {
            let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
            if let Ok(tcp) = TcpListener::bind(udp.local_addr().unwrap()) {
                break (udp, tcp);
            }
        };
        let addr = udp.local_addr().unwrap();
        let zones = Arc::new(zones);
        let udp_queries: Arc<AtomicUsize> = Arc::default();
        let tcp_queries: Arc<AtomicUsize> = Arc::default();
        {
            let (zones, count) = (zones.clone(), udp_queries.clone());
            thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok((n, from)) = udp.recv_from(&mut buf) {
                    count.fetch_add(1, Ordering::SeqCst);
                    let Ok(query) = Message::from_vec(&buf[..n]) else {
                        continue;
                    };
                    if zones.is_silent(&query) {
                        continue;
                    }
                    let reply = match mode {
                        Mode::Silent => continue,
                        Mode::Answer => zones.answer(&query),
                        Mode::Garbage => {
                            let _ = udp.send_to(b"\x12\x34 this is not DNS", from);
                            let mut m = zones.answer(&query);
                            m.metadata.id = m.metadata.id.wrapping_add(1);
                            m
                        }
                        Mode::TruncateUdp => {
                            let mut m = Message::response(query.metadata.id, OpCode::Query);
                            m.metadata.truncation = true;
                            m.add_queries(query.queries.clone());
                            m
                        }
                    };
                    let _ = udp.send_to(&reply.to_vec().unwrap(), from);
                }
            });
        }
        {
            let (zones, count) = (zones.clone(), tcp_queries.clone());
            thread::spawn(move || {
                for stream in tcp.incoming() {
                    let Ok(stream) = stream else { continue };
                    let (zones, count) = (zones.clone(), count.clone());
                    thread::spawn(move || serve_tcp(stream, &zones, mode, &count));
                }
            });
        }
        DnsServer {
            addr,
            udp_queries,
            tcp_queries,
        }
    }

    pub fn resolver(&self) -> String {
        self.addr.to_string()
    }

    pub fn udp_queries(&self) -> usize {
        self.udp_queries.load(Ordering::SeqCst)
    }

    pub fn tcp_queries(&self) -> usize {
        self.tcp_queries.load(Ordering::SeqCst)
    }
}

fn serve_tcp(mut stream: TcpStream, zones: &Zones, mode: Mode, count: &AtomicUsize) {
    loop {
        let mut head = [0u8; 2];
        if stream.read_exact(&mut head).is_err() {
            return;
        }
        let mut body = vec![0u8; usize::from(u16::from_be_bytes(head))];
        if stream.read_exact(&mut body).is_err() {
            return;
        }
        count.fetch_add(1, Ordering::SeqCst);
        let Ok(query) = Message::from_vec(&body) else {
            return;
        };
        if mode == Mode::Silent || zones.is_silent(&query) {
            thread::sleep(Duration::from_secs(60));
            return;
        }
        let reply = zones.answer(&query).to_vec().unwrap();
        let mut framed = u16::try_from(reply.len()).unwrap().to_be_bytes().to_vec();
        framed.extend_from_slice(&reply);
        if stream.write_all(&framed).is_err() {
            return;
        }
    }
}
