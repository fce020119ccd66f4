//! Plugin points of the accident module. `accident.reported` (after) runs
//! once a flash report is committed, from the outbox event
//! [`crate::service::REPORTED_EVENT`]: a county rule may, for example,
//! notify the county's emergency duty officers.

use crate::store::Accident;
use anjian_platform::module::HookPoint;
use anjian_platform::time::to_rfc3339;
use serde_json::{json, Value};

/// The hook point's name.
pub const REPORTED: &str = "accident.reported";

/// Hook points this module offers.
pub const HOOK_POINTS: &[HookPoint] = &[HookPoint {
    name: REPORTED,
    kind: "after",
    description: "a flash report was committed: notify and remind by a county's own rules",
}];

/// The reported accident as the event (and the hook) carries it.
pub fn payload(a: &Accident) -> Value {
    json!({
        "accidentId": a.id,
        "tenant": a.tenant_id,
        "enterpriseId": a.enterprise_id,
        "unitName": a.unit_name,
        "unitUscc": a.unit_uscc,
        "divisionCode": a.division_code,
        "occurredAt": to_rfc3339(a.occurred_at),
        "place": a.place,
        "accidentType": a.accident_type.as_str(),
        "industry": a.industry,
        "grade": a.grade.as_str(),
        "deaths": a.figures.deaths,
        "missing": a.figures.missing,
        "seriousInjuries": a.figures.serious_injuries,
        "minorInjuries": a.figures.minor_injuries,
        "directLossWan": a.figures.direct_loss_wan,
        "summary": a.summary,
    })
}
