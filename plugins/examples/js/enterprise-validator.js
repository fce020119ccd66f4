// County rule `enterprise.validate`: safety manager required in listed industries.
//
// When an enterprise's industry is one of the industries the county admin
// configured (config key `industries`, comma-separated, default `WH`), the
// record must name its safety manager and give that person's phone number.
//
// Build (see scripts/build-plugin-examples.sh):
//   npx componentize-js enterprise-validator.js --wit ../../wit \
//       --world-name enterprise-validator -d http fetch-event stdio random clocks \
//       -o ../build/enterprise-validator-js.wasm
//
// Plugins have no clock, files, network or console: everything they may use
// comes through the host interface (log, config, lookup).
//
// How WIT types look in JavaScript: records are objects with camelCase keys
// (`safety-manager` -> `safetyManager`), option<T> is the value or undefined,
// s64 is a BigInt, enums are strings ('info'), variants are `{ tag, val }`.

import { log, config } from 'anjian:plugin/host@0.1.4';

const DEFAULT_INDUSTRIES = 'WH';

// Chinese and English names of industries, for messages.
const INDUSTRY_NAMES = { WH: ['危险化学品', 'hazardous-chemicals'] };

/** The industry codes this rule applies to, from the county's config. */
function configuredIndustries() {
  const raw = config('industries') ?? DEFAULT_INDUSTRIES;
  return raw.split(',').map((code) => code.trim()).filter(Boolean);
}

const blank = (value) => value == null || value.trim() === '';

// The export's name is the interface name in camelCase.
export const enterpriseValidate = {
  validate(call, record) {
    const industries = configuredIndustries();
    if (!industries.includes(record.industry)) {
      log('info', `${record.uscc}: industry ${record.industry} not in [${industries.join(', ')}], safety manager not required`);
      return { tag: 'accept' };
    }

    const [zh, en] = INDUSTRY_NAMES[record.industry] ?? [`${record.industry} 行业`, `${record.industry}-industry`];
    const problems = [];
    if (blank(record.safetyManager)) {
      problems.push({
        field: 'safety_manager', // exchange-format (snake case) field key
        messageZh: `${zh}企业必须填写安全管理人员`,
        messageEn: `a ${en} enterprise must name its safety manager`,
      });
    }
    if (blank(record.safetyManagerPhone)) {
      problems.push({
        field: 'safety_manager_phone',
        messageZh: `${zh}企业必须填写安全管理人员联系电话`,
        messageEn: `a ${en} enterprise must give its safety manager's phone number`,
      });
    }

    const missing = problems.map((p) => p.field).join(', ') || 'none';
    log('info', `${record.uscc}: industry ${record.industry} requires a safety manager; missing: ${missing}`);
    return problems.length ? { tag: 'reject', val: problems } : { tag: 'accept' };
  },
};
