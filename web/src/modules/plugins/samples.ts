// A sample input per hook, as `anjian plugin new` writes it (input.json).
const SAMPLES: Record<string, unknown> = {
  'enterprise.validate': {
    uscc: '91330106MA2H2L2K2G',
    name: '杭州某某化工有限公司',
    production_address: '杭州市西湖区某路1号',
    division_code: '330106001',
    industry: 'WH',
    safety_manager: '陈华',
  },
  'enterprise.registered': {
    uscc: '91330106MA2H2L2K2G',
    name: '杭州某某冷链有限公司',
    production_address: '杭州市西湖区某路1号',
    division_code: '330106001',
    industry: 'SM',
    risk_flags: 'ammonia-refrigeration',
  },
  'enterprise.licence-reminder': {
    enterprise_uscc: '91330106MA2H2L2K2G',
    industry: 'WH',
    kind: '安全生产许可证',
    number: 'ZJ-1',
    expires_on: '2027-03-01',
    days: 30,
  },
  'hazard.triage': {
    enterprise_uscc: '91330106MA2H2L2K2G',
    enterprise_hazard_grades: [2],
    source: 'self-check',
    category: 'fire',
    level: 'general',
    description: '储罐区静电接地失效，存在火灾爆炸风险',
    location: '储罐区',
    found_at_ms: 1795000000000,
    deadline: null,
  },
}

/** The sample input of a hook, as indented JSON ('{}' for a hook with none). */
export function sampleInput(hook: string | undefined | null): string {
  const s = hook ? SAMPLES[hook] : undefined
  return JSON.stringify(s ?? {}, null, 2)
}

/** JSON for reading: indented, '' for nothing. */
export function pretty(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') {
    try {
      return JSON.stringify(JSON.parse(v), null, 2)
    } catch {
      return v
    }
  }
  return JSON.stringify(v, null, 2)
}

/** Microseconds as milliseconds with up to two decimals. */
export function millis(us: number): string {
  return (Math.round(us / 10) / 100).toLocaleString()
}
