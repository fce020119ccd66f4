"""County rule `hazard.triage`: escalate fire/explosion hazards, set deadlines.

1. A hazard at an enterprise with a grade 1 or 2 major hazard source that is
   about fire or explosion (category `fire`/`explosion`, or 火/爆 in the
   description) is raised to level `major`.
2. When the report has no rectification deadline, one is set: the invocation
   time (`call.now_ms`; plugins have no clock) plus `deadline-days-general`
   (default 30) or `deadline-days-major` (default 90) days, as YYYY-MM-DD (UTC).

Returns `amend` with the changed fields (`level`, `deadline`), else `accept`.
Do not `print`: with `--stub-wasi` stdout is a trapping stub; use host.log.
"""

from datetime import datetime, timedelta, timezone

from wit_world import exports
from wit_world.imports import host
from wit_world.imports.types import (Amendment, Decision, Decision_Accept, Decision_Amend,
                                     Invocation, Value_Text)
from wit_world.exports.hazard_triage import Hazard

DEFAULT_DAYS = {"general": 30, "major": 90}


def deadline_days(level: str) -> int:
    """Days to rectify a hazard of this level, from config `deadline-days-<level>`."""
    level = "major" if level == "major" else "general"
    raw = host.config(f"deadline-days-{level}")
    try:
        return int(raw) if raw is not None else DEFAULT_DAYS[level]
    except ValueError:
        host.log(host.LogLevel.WARN, f"deadline-days-{level}={raw!r} is not a number; using {DEFAULT_DAYS[level]}")
        return DEFAULT_DAYS[level]


def is_fire_or_explosion(hazard: Hazard) -> bool:
    return hazard.category in ("fire", "explosion") or "火" in hazard.description or "爆" in hazard.description


class HazardTriage(exports.HazardTriage):
    # The class name must match the exported interface (`hazard-triage`).
    def triage(self, call: Invocation, hazard: Hazard) -> Decision:
        amendments = []
        level = hazard.level

        high_grade_source = any(grade in (1, 2) for grade in hazard.enterprise_hazard_grades)
        if level != "major" and high_grade_source and is_fire_or_explosion(hazard):
            level = "major"
            amendments.append(Amendment("level", Value_Text(level)))

        if not hazard.deadline:
            now = datetime.fromtimestamp(call.now_ms / 1000, tz=timezone.utc)
            deadline = (now + timedelta(days=deadline_days(level))).strftime("%Y-%m-%d")
            amendments.append(Amendment("deadline", Value_Text(deadline)))

        host.log(host.LogLevel.INFO,
                 f"{hazard.enterprise_uscc}: hazard {hazard.category} level {hazard.level} -> {level}, "
                 f"grades {list(hazard.enterprise_hazard_grades)}, changes: "
                 + (", ".join(f"{a.field}={a.value.value}" for a in amendments) or "none"))
        return Decision_Amend(amendments) if amendments else Decision_Accept()
