//! Per-invocation limits. A hook binding sets its own, under the province's
//! ceilings ([`Limits::within`]).

use serde::{Deserialize, Serialize};

/// What one invocation may use.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    async_graphql::SimpleObject,
    async_graphql::InputObject,
)]
#[graphql(input_name = "PluginLimitsInput")]
#[serde(default, rename_all = "camelCase")]
pub struct Limits {
    /// Deterministic instruction budget (wasmtime fuel).
    pub fuel: u64,
    /// Wall-clock backstop, in milliseconds (epoch deadline).
    pub deadline_ms: u64,
    /// Linear memory, in bytes.
    pub memory_bytes: u64,
    /// Elements of any one table.
    pub table_elements: u64,
    /// Size of the input the host passes in, in bytes.
    pub input_bytes: u64,
    /// Size of the result the plugin returns, in bytes.
    pub output_bytes: u64,
    /// Log kept per invocation, in bytes (more is cut, with a note).
    pub log_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            fuel: 10_000_000,
            deadline_ms: 50,
            memory_bytes: 64 << 20,
            table_elements: 100_000,
            input_bytes: 256 << 10,
            output_bytes: 64 << 10,
            log_bytes: 16 << 10,
        }
    }
}

impl Limits {
    /// These limits, each held to the ceiling.
    pub fn within(&self, ceiling: &Limits) -> Limits {
        Limits {
            fuel: self.fuel.min(ceiling.fuel),
            deadline_ms: self.deadline_ms.min(ceiling.deadline_ms),
            memory_bytes: self.memory_bytes.min(ceiling.memory_bytes),
            table_elements: self.table_elements.min(ceiling.table_elements),
            input_bytes: self.input_bytes.min(ceiling.input_bytes),
            output_bytes: self.output_bytes.min(ceiling.output_bytes),
            log_bytes: self.log_bytes.min(ceiling.log_bytes),
        }
    }

    /// The ceilings the province starts with.
    pub fn default_ceiling() -> Limits {
        Limits {
            fuel: 100_000_000,
            deadline_ms: 500,
            memory_bytes: 128 << 20,
            table_elements: 200_000,
            input_bytes: 1 << 20,
            output_bytes: 256 << 10,
            log_bytes: 64 << 10,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_takes_the_smaller_of_each() {
        let wants = Limits {
            fuel: 1_000_000_000,
            deadline_ms: 10,
            ..Limits::default()
        };
        let got = wants.within(&Limits::default_ceiling());
        assert_eq!(got.fuel, 100_000_000);
        assert_eq!(got.deadline_ms, 10);
    }
}
