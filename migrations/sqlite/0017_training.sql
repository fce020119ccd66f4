-- Safety training and examination (安全培训考核). The question bank and the
-- blueprints are the province's data (no tenant); candidates, their
-- training, sessions, attempts, answers, results and certificates belong to
-- the county that registered the candidate. Every tenant row is keyed by
-- tenant_id first, so the tables distribute on Citus by tenant.

CREATE TABLE tr_questions (
    id              TEXT NOT NULL,
    version         BIGINT NOT NULL,
    kind            TEXT NOT NULL,
    category        TEXT NOT NULL,
    operation_item  TEXT NOT NULL DEFAULT '',
    knowledge_point TEXT NOT NULL,
    difficulty      INTEGER NOT NULL,
    stem            TEXT NOT NULL,
    options         TEXT NOT NULL,
    answer          TEXT NOT NULL,
    explanation     TEXT NOT NULL,
    -- 1 for a question's newest version; a paper keeps the version it drew.
    current         INTEGER NOT NULL,
    created_at      BIGINT NOT NULL,
    created_by      TEXT NOT NULL,
    PRIMARY KEY (id, version)
);
CREATE INDEX tr_questions_draw ON tr_questions (category, operation_item, kind, current);

CREATE TABLE tr_blueprints (
    id         TEXT NOT NULL PRIMARY KEY,
    version    BIGINT NOT NULL,
    body       TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT NOT NULL
);

CREATE TABLE tr_candidates (
    tenant_id      TEXT NOT NULL,
    id             TEXT NOT NULL,
    id_number      TEXT NOT NULL,
    name           TEXT NOT NULL,
    enterprise_uscc TEXT,
    category       TEXT NOT NULL,
    operation_item TEXT NOT NULL DEFAULT '',
    high_risk      INTEGER NOT NULL,
    refresher      INTEGER NOT NULL,
    exemption      TEXT,
    username       TEXT,
    -- Failed attempts since the last training: one resit, then retraining.
    failures       INTEGER NOT NULL DEFAULT 0,
    hours          REAL NOT NULL DEFAULT 0,
    created_at     BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX tr_candidates_person ON tr_candidates (tenant_id, id_number, category, operation_item);
CREATE INDEX tr_candidates_user ON tr_candidates (tenant_id, username);

CREATE TABLE tr_training (
    tenant_id    TEXT NOT NULL,
    id           TEXT NOT NULL,
    candidate_id TEXT NOT NULL,
    institution  TEXT NOT NULL,
    course       TEXT NOT NULL,
    hours        REAL NOT NULL,
    date         TEXT NOT NULL,
    recorded_at  BIGINT NOT NULL,
    recorded_by  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX tr_training_candidate ON tr_training (tenant_id, candidate_id);

CREATE TABLE tr_sessions (
    tenant_id      TEXT NOT NULL,
    id             TEXT NOT NULL,
    centre         TEXT NOT NULL,
    seats          INTEGER NOT NULL,
    starts_at      BIGINT NOT NULL,
    window_minutes INTEGER NOT NULL,
    blueprint      TEXT NOT NULL,
    state          TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE tr_bookings (
    tenant_id     TEXT NOT NULL,
    session_id    TEXT NOT NULL,
    candidate_id  TEXT NOT NULL,
    ticket        TEXT NOT NULL,
    token_hash    TEXT,
    admitted_late INTEGER NOT NULL DEFAULT 0,
    attempt_id    TEXT,
    PRIMARY KEY (tenant_id, session_id, candidate_id)
);
CREATE UNIQUE INDEX tr_bookings_ticket ON tr_bookings (tenant_id, ticket);
CREATE INDEX tr_bookings_token ON tr_bookings (tenant_id, token_hash);

CREATE TABLE tr_attempts (
    tenant_id    TEXT NOT NULL,
    id           TEXT NOT NULL,
    session_id   TEXT NOT NULL,
    candidate_id TEXT NOT NULL,
    attempt_no   INTEGER NOT NULL,
    seed         BIGINT NOT NULL,
    paper        TEXT NOT NULL,
    questions    INTEGER NOT NULL,
    started_at   BIGINT NOT NULL,
    deadline_at  BIGINT NOT NULL,
    state        TEXT NOT NULL,
    saves        BIGINT NOT NULL DEFAULT 0,
    submitted_at BIGINT,
    submitted_by TEXT,
    score        REAL,
    PRIMARY KEY (tenant_id, id)
);
-- One active attempt per candidate, whatever the session.
CREATE UNIQUE INDEX tr_attempts_active ON tr_attempts (tenant_id, candidate_id) WHERE state = 'active';
CREATE INDEX tr_attempts_session ON tr_attempts (tenant_id, session_id);

CREATE TABLE tr_answers (
    tenant_id  TEXT NOT NULL,
    attempt_id TEXT NOT NULL,
    no         INTEGER NOT NULL,
    answer     TEXT NOT NULL,
    marked     INTEGER NOT NULL,
    seq        BIGINT NOT NULL,
    saved_at   BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, attempt_id, no)
);

-- Every save as it came, for appeals (kept ≥ 3 years).
CREATE TABLE tr_answer_log (
    tenant_id  TEXT NOT NULL,
    attempt_id TEXT NOT NULL,
    seq        BIGINT NOT NULL,
    no         INTEGER NOT NULL,
    answer     TEXT NOT NULL,
    marked     INTEGER NOT NULL,
    at         BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, attempt_id, seq)
);

CREATE TABLE tr_results (
    tenant_id       TEXT NOT NULL,
    id              TEXT NOT NULL,
    candidate_id    TEXT NOT NULL,
    attempt_id      TEXT NOT NULL,
    session_id      TEXT NOT NULL,
    centre          TEXT NOT NULL,
    institution     TEXT NOT NULL,
    category        TEXT NOT NULL,
    operation_item  TEXT NOT NULL DEFAULT '',
    attempt_no      INTEGER NOT NULL,
    theory_score    REAL NOT NULL,
    practical_score REAL,
    passed          INTEGER NOT NULL,
    valid_until     BIGINT,
    at              BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX tr_results_candidate ON tr_results (tenant_id, candidate_id);
CREATE UNIQUE INDEX tr_results_attempt ON tr_results (tenant_id, attempt_id);

-- Whether each question of each scored paper was answered right (for
-- flagging questions nearly everyone fails or passes). Appended once per
-- paper, so papers submitted together never wait on each other here.
CREATE TABLE tr_question_stats (
    tenant_id   TEXT NOT NULL,
    attempt_id  TEXT NOT NULL,
    question_id TEXT NOT NULL,
    correct     INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, attempt_id, question_id)
);

CREATE TABLE tr_certificates (
    tenant_id      TEXT NOT NULL,
    number         TEXT NOT NULL,
    candidate_id   TEXT NOT NULL,
    id_number      TEXT NOT NULL,
    name           TEXT NOT NULL,
    category       TEXT NOT NULL,
    operation_item TEXT NOT NULL DEFAULT '',
    issued_at      BIGINT NOT NULL,
    valid_until    BIGINT NOT NULL,
    next_review_at BIGINT,
    status         TEXT NOT NULL,
    canonical      TEXT NOT NULL,
    signature      TEXT NOT NULL,
    key_id         TEXT NOT NULL,
    PRIMARY KEY (tenant_id, number)
);
CREATE INDEX tr_certificates_candidate ON tr_certificates (tenant_id, candidate_id);
CREATE INDEX tr_certificates_review ON tr_certificates (status, next_review_at);

CREATE TABLE tr_cert_events (
    tenant_id TEXT NOT NULL,
    number    TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    action    TEXT NOT NULL,
    note      TEXT NOT NULL,
    at        BIGINT NOT NULL,
    by_user   TEXT NOT NULL,
    PRIMARY KEY (tenant_id, number, seq)
);

CREATE TABLE tr_incidents (
    tenant_id    TEXT NOT NULL,
    id           TEXT NOT NULL,
    session_id   TEXT NOT NULL,
    candidate_id TEXT,
    note         TEXT NOT NULL,
    at           BIGINT NOT NULL,
    by_user      TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX tr_incidents_session ON tr_incidents (tenant_id, session_id);

-- Certificate number sequences per county, category and year.
CREATE TABLE tr_sequences (
    tenant_id TEXT NOT NULL,
    prefix    TEXT NOT NULL,
    next      BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, prefix)
);
