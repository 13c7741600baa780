//! A DNS server on 127.0.0.1 (UDP and TCP on one ephemeral port) for the dns-token tests,
//! answering like a recursive resolver from a table of zones and TXT records: NXDOMAIN and
//! NODATA carry the enclosing zone's SOA in the authority section (RFC 2308 §3). It can
//! also misbehave on purpose: SERVFAIL for chosen names, never answer, answer garbage, or
//! truncate every UDP answer so the client must ask again over TCP. Built on hickory-proto's
//! message types.
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
        rdata::{SOA, TXT},
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

    fn zone_of(&self, name: &str) -> Option<&String> {
        self.apexes
            .iter()
            .filter(|z| name == z.as_str() || name.ends_with(&format!(".{z}")))
            .max_by_key(|z| z.len())
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
        m.metadata.recursion_available = true;
        let Some(q) = query.queries.first() else {
            m.metadata.response_code = ResponseCode::FormErr;
            return m;
        };
        m.add_query(q.clone());
        let name = q
            .name()
            .to_ascii()
            .trim_end_matches('.')
            .to_ascii_lowercase();
        if self.servfail.contains(&name) {
            m.metadata.response_code = ResponseCode::ServFail;
            return m;
        }
        let Some(zone) = self.zone_of(&name) else {
            m.metadata.response_code = ResponseCode::ServFail;
            return m;
        };
        match q.query_type() {
            RecordType::TXT => {
                for (owner, strings) in self.txt.iter().filter(|(o, _)| *o == name) {
                    let strings: Vec<&[u8]> = strings.iter().map(Vec::as_slice).collect();
                    m.add_answer(Record::from_rdata(
                        Name::from_ascii(format!("{owner}.")).unwrap(),
                        300,
                        RData::TXT(TXT::from_bytes(strings)),
                    ));
                }
            }
            RecordType::SOA if name == *zone => {
                m.add_answer(Self::soa(zone));
            }
            _ => {}
        }
        if m.answers.is_empty() {
            let exists = name == *zone
                || self
                    .txt
                    .iter()
                    .any(|(o, _)| *o == name || o.ends_with(&format!(".{name}")))
                || self.apexes.iter().any(|z| z.ends_with(&format!(".{name}")));
            if !exists {
                m.metadata.response_code = ResponseCode::NXDomain;
            }
            m.add_authority(Self::soa(zone));
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
        if mode == Mode::Silent {
            thread::sleep(Duration::from_secs(60));
            return;
        }
        let Ok(query) = Message::from_vec(&body) else {
            return;
        };
        let reply = zones.answer(&query).to_vec().unwrap();
        let mut framed = u16::try_from(reply.len()).unwrap().to_be_bytes().to_vec();
        framed.extend_from_slice(&reply);
        if stream.write_all(&framed).is_err() {
            return;
        }
    }
}
