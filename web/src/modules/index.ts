// Every console module: each folder's index.ts, found at build time.
import type { ConsoleModule } from './types'

const found = import.meta.glob<{ default: ConsoleModule }>('./*/index.ts', { eager: true })

export const modules: ConsoleModule[] = Object.values(found)
  .map((m) => m.default)
  .sort((a, b) => a.name.localeCompare(b.name))
