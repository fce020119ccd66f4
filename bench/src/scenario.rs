//! The scenarios: what each simulated user sends, as which account.
//!
//! Accounts are those `anjian seed` creates: `inspector@<county>`,
//! `enterprise-<n>@<county>` (n = 0, 1, 2: users of the county's first three
//! enterprises) and `province-admin@330000`, all with one password.

use crate::client::{Endpoint, Failure};
use serde_json::{json, Value};
use std::collections::HashMap;

/// A user action under load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Scenario {
    /// An inspector signs in (argon2id password check, new session).
    Login,
    /// An inspector lists the county's enterprises of one industry: the first
    /// page of 20 by name, with the total, each with its division and licences.
    List,
    /// An enterprise user reports a hidden hazard of their own enterprise.
    Report,
    /// The province dashboard: this year's hazard figures grouped five ways.
    Dashboard,
}

impl Scenario {
    /// Its name in results.
    pub fn name(self) -> &'static str {
        match self {
            Scenario::Login => "login",
            Scenario::List => "list",
            Scenario::Report => "report",
            Scenario::Dashboard => "dashboard",
        }
    }
}

/// Which server answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Server {
    Anjian,
    /// PostGraphile 4 over the same PostgreSQL tables (list only).
    Postgraphile,
}

/// The data a run works on.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Counties whose users the clients are, spread round-robin.
    pub counties: Vec<String>,
    /// Password of every account.
    pub password: String,
    /// Industry code of the list filter.
    pub industry: String,
}

/// One client's request, ready to send again and again.
#[derive(Debug, Clone)]
pub struct Work {
    token: Option<String>,
    query: &'static str,
    vars: Value,
    /// Reports get a fresh description each time.
    numbered: bool,
}

impl Work {
    /// Sends the `i`th request.
    pub async fn send(&self, ep: &Endpoint, i: u64) -> Result<Value, Failure> {
        let vars = if self.numbered {
            let mut v = self.vars.clone();
            v["i"]["description"] = json!(format!("压测隐患 {i}：动火作业无监护"));
            v
        } else {
            self.vars.clone()
        };
        ep.post(self.token.as_deref(), self.query, vars).await
    }
}

/// The accounts `anjian seed` creates in every county it fills.
const LOGIN_ROLES: &[&str] = &[
    "inspector",
    "county-admin",
    "examinee",
    "plugin-developer",
    "enterprise-0",
    "enterprise-1",
    "enterprise-2",
];

const LOGIN: &str =
    "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }";

const LIST: &str = "query($f: EnterpriseFilter) { enterprises(filter: $f, first: 20) { totalCount
  edges { node { id uscc name industry sizeBand status staffCount divisionCode
    division { countyName cityName } licences { kind number expiresOn } } } } }";

/// The same page through PostGraphile's generated schema (relations from
/// the smart tags in `scripts/postgraphile.tags.json5`).
const PEER_LIST: &str = "query($t: String!, $i: String!) {
  allEnterprises(condition: {tenantId: $t, industry: $i}, first: 20, orderBy: NAME_ASC) { totalCount
    nodes { id uscc name industry sizeBand status staffCount divisionCode
      tenantByTenantId { name tenantByParentCode { name } }
      enterpriseLicencesByTenantIdAndEnterpriseId { nodes { kind number expiresOn } } } } }";

const REPORT: &str =
    "mutation($i: ReportHazardInput!) { reportHazard(input: $i) { id level deadline } }";

/// The province dashboard: every figure of the year, grouped five ways.
pub const DASHBOARD: &str = "query($f: HazardStatsFilter) {
  byCity: hazardStatistics(groupBy: DIVISION, filter: $f) { total { found rectified rectificationRate overdue onTime onTimeRate listed listedClosed } rows { key name found rectified rectificationRate overdue onTime onTimeRate listed listedClosed } }
  byMonth: hazardStatistics(groupBy: MONTH, filter: $f) { rows { key found rectified overdue listed listedClosed } }
  byIndustry: hazardStatistics(groupBy: INDUSTRY, filter: $f) { rows { key found rectified overdue listed listedClosed } }
  byLevel: hazardStatistics(groupBy: LEVEL, filter: $f) { rows { key found rectified overdue listed listedClosed } }
  bySource: hazardStatistics(groupBy: SOURCE, filter: $f) { rows { key found rectified overdue listed listedClosed } }
}";

/// Signs in once per account and hands out the tokens.
pub struct Sessions<'a> {
    ep: &'a Endpoint,
    password: String,
    tokens: HashMap<String, String>,
}

impl<'a> Sessions<'a> {
    pub fn new(ep: &'a Endpoint, password: &str) -> Sessions<'a> {
        Sessions {
            ep,
            password: password.into(),
            tokens: HashMap::new(),
        }
    }

    /// A token of `username`, signing in the first time.
    pub async fn token(&mut self, username: &str) -> anyhow::Result<String> {
        if let Some(t) = self.tokens.get(username) {
            return Ok(t.clone());
        }
        let d = self
            .ep
            .post(None, LOGIN, json!({"u": username, "p": self.password}))
            .await
            .map_err(|e| anyhow::anyhow!("signing in as {username}: {e}"))?;
        let t = d["login"]["token"]
            .as_str()
            .ok_or_else(|| anyhow::anyhow!("no token for {username}"))?
            .to_string();
        self.tokens.insert(username.into(), t.clone());
        Ok(t)
    }
}

/// The work of client `k`, checked once against the server so that a run
/// over missing data or accounts stops before it starts.
pub async fn prepare(
    sessions: &mut Sessions<'_>,
    server: Server,
    scenario: Scenario,
    plan: &Plan,
    k: usize,
) -> anyhow::Result<Work> {
    anyhow::ensure!(!plan.counties.is_empty(), "no county given");
    let county = &plan.counties[k % plan.counties.len()];
    let work = match (server, scenario) {
        (Server::Postgraphile, Scenario::List) => Work {
            token: None,
            query: PEER_LIST,
            vars: json!({"t": county, "i": plan.industry}),
            numbered: false,
        },
        (Server::Postgraphile, s) => {
            anyhow::bail!("the PostGraphile peer only has the list scenario, not {s:?}")
        }
        (Server::Anjian, Scenario::Login) => {
            // Each account signs in from one client at a time: concurrent
            // attempts on one account count against its failure limit.
            let role = LOGIN_ROLES[(k / plan.counties.len()) % LOGIN_ROLES.len()];
            Work {
                token: None,
                query: LOGIN,
                vars: json!({"u": format!("{role}@{county}"), "p": plan.password}),
                numbered: false,
            }
        }
        (Server::Anjian, Scenario::List) => Work {
            token: Some(sessions.token(&format!("inspector@{county}")).await?),
            query: LIST,
            vars: json!({"f": {"industry": plan.industry}}),
            numbered: false,
        },
        (Server::Anjian, Scenario::Report) => {
            let user = format!("enterprise-{}@{county}", (k / plan.counties.len()) % 3);
            let category = ["fire", "electrical", "machinery"][k % 3];
            Work {
                token: Some(sessions.token(&user).await?),
                query: REPORT,
                vars: json!({"i": {"category": category,
                    "level": "general", "description": ""}}),
                numbered: true,
            }
        }
        (Server::Anjian, Scenario::Dashboard) => {
            let year = chrono::Utc::now().format("%Y").to_string();
            Work {
                token: Some(sessions.token("province-admin@330000").await?),
                query: DASHBOARD,
                vars: json!({"f": {"year": year.parse::<i64>().unwrap_or(2026)}}),
                numbered: false,
            }
        }
    };
    if k < plan.counties.len() && scenario != Scenario::Report {
        check(sessions.ep, &work, scenario, county).await?;
    }
    Ok(work)
}

/// The first answer must carry data: a list with matches, a dashboard with
/// hazards, a token.
async fn check(ep: &Endpoint, w: &Work, scenario: Scenario, county: &str) -> anyhow::Result<()> {
    let d = w
        .send(ep, 0)
        .await
        .map_err(|e| anyhow::anyhow!("{} in {county}: {e}", scenario.name()))?;
    let nonzero = match scenario {
        Scenario::List => {
            let total = d["enterprises"]["totalCount"]
                .as_i64()
                .or_else(|| d["allEnterprises"]["totalCount"].as_i64());
            total.unwrap_or(0) > 0
        }
        Scenario::Dashboard => d["byCity"]["total"]["found"].as_i64().unwrap_or(0) > 0,
        Scenario::Login => d["login"]["token"].is_string(),
        Scenario::Report => true,
    };
    anyhow::ensure!(
        nonzero,
        "{} in {county} found nothing: is the data seeded? {d}",
        scenario.name()
    );
    Ok(())
}
