// The candidate's exam in this tab (sessionStorage): the token of the
// booking, who and where, whether the paper was started, and the answers
// not yet saved, so that a reload (or a lost connection) resumes the same
// attempt and loses no answer.
const KEY = 'anjian.exam'
const PENDING = 'anjian.exam.pending'

export interface ExamTicket {
  token: string
  candidateName: string
  centre: string
  startsAt: string
  durationMinutes: number
  /** The paper was started: a reload resumes it. */
  started?: boolean
  /** Entered from 我的考试 (a signed-in examinee): the way back goes there. */
  fromUser?: boolean
}

/** An answer (and its mark) not yet acknowledged by the server. */
export interface PendingAnswer {
  answer: string[]
  marked: boolean
}

function read<T>(key: string): T | null {
  try {
    const raw = sessionStorage.getItem(key)
    return raw ? (JSON.parse(raw) as T) : null
  } catch {
    return null
  }
}
function write(key: string, v: unknown) {
  try {
    sessionStorage.setItem(key, JSON.stringify(v))
  } catch {
    /* storage full or off: the answers still go to the server */
  }
}

export const examStore = {
  ticket: () => read<ExamTicket>(KEY),
  setTicket(t: ExamTicket) {
    const old = read<ExamTicket>(KEY)
    if (old && old.token !== t.token) sessionStorage.removeItem(PENDING)
    write(KEY, t)
  },
  markStarted() {
    const t = read<ExamTicket>(KEY)
    if (t) write(KEY, { ...t, started: true })
  },
  /** The unsaved answers of `token`, by question number. */
  pending(token: string): Record<number, PendingAnswer> {
    const p = read<{ token: string; answers: Record<number, PendingAnswer> }>(PENDING)
    return p && p.token === token ? p.answers : {}
  },
  setPending(token: string, answers: Record<number, PendingAnswer>) {
    if (Object.keys(answers).length) write(PENDING, { token, answers })
    else sessionStorage.removeItem(PENDING)
  },
  clear() {
    sessionStorage.removeItem(KEY)
    sessionStorage.removeItem(PENDING)
  },
}

/** A question of the paper, as the candidate sees it. */
export interface PaperQuestion {
  no: number
  kind: string
  stem: string
  options: { key: string; text: string }[]
  points: number
}

/** The candidate's attempt (ExamAttempt). */
export interface PaperAttempt {
  id: string
  state: string
  startedAt: string
  deadline: string
  remainingSeconds: number
  autosaveSeconds: number
  questions: PaperQuestion[]
  answers: { no: number; answer: string[]; marked: boolean }[]
  score?: number | null
  passed?: boolean | null
}

/** How a paper ended: submitted here, the time ran out, or the server closed it. */
export interface ExamEnd {
  reason: 'submitted' | 'timeup' | 'closed'
  score?: number | null
  passed?: boolean | null
  message?: string
}
