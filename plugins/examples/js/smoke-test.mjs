// Runs every built example component once per case, in Node, with a tiny
// test host (log / config / lookup as JS functions). Usage:
//   node smoke-test.mjs [build-dir]     (default ../build)
// Each ../build/<name>-<lang>.wasm is transpiled by jco into
// ../build/transpiled/<name>-<lang>/ and instantiated with the host below.
// Exits non-zero when a decision is not the expected one.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const buildDir = resolve(process.argv[2] ?? join(here, '..', 'build'));
const jco = join(here, 'node_modules', '.bin', 'jco');

// ---- cases --------------------------------------------------------------
const call = (hook) => ({ tenant: '330102', hook, nowMs: BigInt(Date.UTC(2026, 0, 15, 9, 30)) });

const enterprise = (over) => ({
  uscc: '91330100MA0000000X', name: '示例化工有限公司', legalRepresentative: '张三',
  principal: '张三', principalPhone: '13800000000', safetyManager: '李四',
  safetyManagerPhone: '13900000000', productionAddress: '杭州市上城区示例路1号',
  divisionCode: '330102', industry: 'WH', industrySubtype: undefined, sizeBand: 'small',
  staffCount: 42n, revenueWan: 1200.5, foundedOn: '2015-03-01', status: 'operating',
  safetyStaff: 2n, safetyEngineers: 1n, riskFlags: [], licences: [], majorHazards: [],
  ...over,
});

const hazard = (over) => ({
  enterpriseUscc: '91330100MA0000000X', enterpriseHazardGrades: new Uint8Array([2, 4]),
  source: 'inspection', category: 'fire', level: 'general', description: '储罐区消防通道堵塞',
  location: '储罐区', foundAtMs: BigInt(Date.UTC(2026, 0, 14)), deadline: undefined, ...over,
});

const CASES = {
  'enterprise-validator': [
    ['WH, safety manager and phone missing', {}, enterprise({ safetyManager: undefined, safetyManagerPhone: ' ' }), 'reject'],
    ['WH, complete', {}, enterprise({}), 'accept'],
    ['GM (not configured), manager missing', {}, enterprise({ industry: 'GM', safetyManager: undefined }), 'accept'],
    ['YH configured via industries=WH,YH, phone missing', { industries: 'WH, YH' }, enterprise({ industry: 'YH', safetyManagerPhone: undefined }), 'reject'],
  ],
  'hazard-triage': [
    ['fire at grade-2 enterprise, no deadline', {}, hazard({}), 'amend'],
    ['explosion (爆) in text, grade 1, deadline-days-major=60', { 'deadline-days-major': '60' }, hazard({ category: 'equipment', description: '反应釜存在爆炸风险', enterpriseHazardGrades: new Uint8Array([1]) }), 'amend'],
    ['fire at grade-3 enterprise, no deadline', {}, hazard({ enterpriseHazardGrades: new Uint8Array([3]) }), 'amend'],
    ['electrical, deadline given', {}, hazard({ category: 'electrical', description: '配电箱未接地', deadline: '2026-02-01' }), 'accept'],
  ],
};

// ---- test host ----------------------------------------------------------
function testHost(config, lines) {
  const host = {
    log: (level, message) => lines.push(`    [${level}] ${message}`),
    config: (key) => config[key],
    lookup: () => undefined,
  };
  // jco's generated code looks the interface up with and without the version.
  return { 'anjian:plugin/host@0.1.0': host, 'anjian:plugin/host': host,
           'anjian:plugin/types@0.1.0': {}, 'anjian:plugin/types': {} };
}

const show = (v) => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? Number(x) : x));

let failed = 0;
let passed = 0;
for (const file of readdirSync(buildDir).filter((f) => f.endsWith('.wasm')).sort()) {
  const name = file.replace(/\.wasm$/, '');
  const rule = Object.keys(CASES).find((r) => name.startsWith(r));
  if (!rule) continue;
  const out = join(buildDir, 'transpiled', name);
  execFileSync(jco, ['transpile', join(buildDir, file), '-o', out, '--instantiation', 'async',
    '--name', 'component', '--quiet']);
  const { instantiate } = await import(pathToFileURL(join(out, 'component.js')));
  const getCoreModule = (path) => WebAssembly.compile(readFileSync(join(out, path)));
  console.log(`== ${file}`);
  for (const [label, config, input, expected] of CASES[rule]) {
    const lines = [];
    // A fresh instance per case, so no state carries over between cases.
    const component = await instantiate(getCoreModule, testHost(config, lines));
    const decision = rule === 'hazard-triage'
      ? component.hazardTriage.triage(call('hazard.triage'), input)
      : component.enterpriseValidate.validate(call('enterprise.validate'), input);
    const ok = decision.tag === expected;
    ok ? passed++ : failed++;
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${label}: ${show(decision)}`);
    console.log(lines.join('\n'));
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed || !passed ? 1 : 0);
