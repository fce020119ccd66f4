// County rule `hazard.triage`: escalate fire/explosion hazards, set deadlines.
//
// 1. A hazard at an enterprise with a grade 1 or 2 major hazard source that is
//    about fire or explosion (category `fire`/`explosion`, or 火/爆 in the
//    description) is raised to level `major`.
// 2. When the report has no rectification deadline, one is set: the invocation
//    time (`call.nowMs`; plugins have no clock) plus `deadline-days-general`
//    (default 30) or `deadline-days-major` (default 90) days, as YYYY-MM-DD (UTC).
//
// Returns `amend` with the changed fields (`level`, `deadline`), else `accept`.
// s64 values (nowMs, foundAtMs) arrive as BigInt; list<u8> as a Uint8Array.

import { log, config } from 'anjian:plugin/host@0.1.4';

const DEFAULT_DAYS = { general: 30, major: 90 };
const DAY_MS = 24 * 60 * 60 * 1000;

/** Days to rectify a hazard of this level, from config `deadline-days-<level>`. */
function deadlineDays(level) {
  const key = level === 'major' ? 'major' : 'general';
  const raw = config(`deadline-days-${key}`);
  if (raw == null) return DEFAULT_DAYS[key];
  const days = Number.parseInt(raw, 10);
  if (Number.isNaN(days)) {
    log('warn', `deadline-days-${key}=${raw} is not a number; using ${DEFAULT_DAYS[key]}`);
    return DEFAULT_DAYS[key];
  }
  return days;
}

const isFireOrExplosion = (hazard) =>
  ['fire', 'explosion'].includes(hazard.category) || /[火爆]/.test(hazard.description);

export const hazardTriage = {
  triage(call, hazard) {
    const amendments = [];
    let level = hazard.level;

    const highGradeSource = [...hazard.enterpriseHazardGrades].some((g) => g === 1 || g === 2);
    if (level !== 'major' && highGradeSource && isFireOrExplosion(hazard)) {
      level = 'major';
      amendments.push({ field: 'level', value: { tag: 'text', val: level } });
    }

    if (!hazard.deadline) {
      const due = new Date(Number(call.nowMs) + deadlineDays(level) * DAY_MS);
      amendments.push({ field: 'deadline', value: { tag: 'text', val: due.toISOString().slice(0, 10) } });
    }

    const changes = amendments.map((a) => `${a.field}=${a.value.val}`).join(', ') || 'none';
    log('info', `${hazard.enterpriseUscc}: hazard ${hazard.category} level ${hazard.level} -> ${level}, ` +
      `grades [${[...hazard.enterpriseHazardGrades]}], changes: ${changes}`);
    return amendments.length ? { tag: 'amend', val: amendments } : { tag: 'accept' };
  },
};
