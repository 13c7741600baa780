//! The Regional and National Internet Registries, as values: which one holds a record is
//! read from the record (`crate::rdap::registry`), and what each cloud asks of each one is
//! the rules table's (`crate::rules`).

use std::fmt;

use serde::Serialize;

/// A National Internet Registry under APNIC or LACNIC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum Nir {
    /// Japan.
    Jpnic,
    /// Korea.
    Krnic,
    /// Taiwan.
    Twnic,
    /// China.
    Cnnic,
    /// Indonesia.
    Idnic,
    /// Viet Nam.
    Vnnic,
    /// India.
    Irinn,
    /// Brazil.
    NicBr,
    /// Mexico.
    NicMx,
}

impl Nir {
    fn name(self) -> &'static str {
        match self {
            Nir::Jpnic => "JPNIC",
            Nir::Krnic => "KRNIC",
            Nir::Twnic => "TWNIC",
            Nir::Cnnic => "CNNIC",
            Nir::Idnic => "IDNIC",
            Nir::Vnnic => "VNNIC",
            Nir::Irinn => "IRINN",
            Nir::NicBr => "NIC.br",
            Nir::NicMx => "NIC Mexico",
        }
    }
}

/// A Regional or National Internet Registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum Registry {
    /// ARIN.
    Arin,
    /// RIPE NCC.
    RipeNcc,
    /// APNIC.
    Apnic,
    /// LACNIC.
    Lacnic,
    /// AFRINIC.
    Afrinic,
    /// A National Internet Registry.
    Nir(Nir),
}

impl fmt::Display for Registry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Registry::Arin => "ARIN",
            Registry::RipeNcc => "RIPE NCC",
            Registry::Apnic => "APNIC",
            Registry::Lacnic => "LACNIC",
            Registry::Afrinic => "AFRINIC",
            Registry::Nir(n) => n.name(),
        })
    }
}
