// A tiny signal: the inbox tells the bell to count again after marking read.
type F = () => void
const listeners = new Set<F>()
export const unreadChanged = {
  on: (f: F) => listeners.add(f),
  off: (f: F) => listeners.delete(f),
  emit: () => listeners.forEach((f) => f()),
}
