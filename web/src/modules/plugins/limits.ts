// The limits of one invocation (`Limits` / `PluginLimitsInput`), in order.
export const LIMIT_KEYS = ['fuel', 'deadlineMs', 'memoryBytes', 'tableElements', 'inputBytes', 'outputBytes', 'logBytes'] as const
export type LimitKey = (typeof LIMIT_KEYS)[number]
export type LimitValues = Record<LimitKey, number>

export function emptyLimits(): LimitValues {
  return { fuel: 0, deadlineMs: 0, memoryBytes: 0, tableElements: 0, inputBytes: 0, outputBytes: 0, logBytes: 0 }
}

/** Only the limit fields of a `Limits` object (without __typename). */
export function pickLimits(l: LimitValues): LimitValues {
  const out = emptyLimits()
  for (const k of LIMIT_KEYS) out[k] = l[k]
  return out
}
