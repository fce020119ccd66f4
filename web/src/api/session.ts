// The tokens of the signed-in user, kept for the tab (sessionStorage): closing
// the browser signs out, as officials' machines are often shared.
const KEY = 'anjian.session'

export interface Tokens {
  token: string
  expiresAt: string
  refreshToken: string
  refreshExpiresAt: string
}

function read(): Tokens | null {
  try {
    const raw = sessionStorage.getItem(KEY)
    return raw ? (JSON.parse(raw) as Tokens) : null
  } catch {
    return null
  }
}

export const session = {
  get: read,
  token: () => read()?.token ?? null,
  set(t: Tokens) {
    sessionStorage.setItem(KEY, JSON.stringify(t))
  },
  clear() {
    sessionStorage.removeItem(KEY)
  },
}
