// Every console module: each folder's index.ts, found at build time.
import type { Component } from 'vue'
import type { ConsoleModule } from './types'

const found = import.meta.glob<{ default: ConsoleModule }>('./*/index.ts', { eager: true })

export const modules: ConsoleModule[] = Object.values(found)
  .map((m) => m.default)
  .sort((a, b) => a.name.localeCompare(b.name))

/** The panels the modules add to `slot` (`ConsoleModule.panels`), in module order. */
export function panelsFor(slot: string): Component[] {
  return modules.flatMap((m) => {
    const p = m.panels?.[slot]
    return p ? [p] : []
  })
}
