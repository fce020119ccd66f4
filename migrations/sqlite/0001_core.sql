-- Anjian platform core (SQLite). Times are Unix epoch milliseconds (INTEGER);
-- ids are UUIDv7 text. Tenant-owned tables carry tenant_id in the primary key.

CREATE TABLE tenants (
    code           TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    level          TEXT NOT NULL CHECK (level IN ('province', 'city', 'county')),
    parent_code    TEXT REFERENCES tenants (code),
    valid_from     TEXT NOT NULL,
    valid_to       TEXT,
    successor_code TEXT REFERENCES tenants (code),
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX tenants_parent ON tenants (parent_code);

CREATE TABLE tenant_history (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL REFERENCES tenants (code),
    at          INTEGER NOT NULL,
    action      TEXT NOT NULL,
    detail      TEXT NOT NULL,
    actor       TEXT NOT NULL
);
CREATE INDEX tenant_history_code ON tenant_history (code, at);

CREATE TABLE seed_versions (
    name       TEXT PRIMARY KEY,
    version    TEXT NOT NULL,
    applied_at INTEGER NOT NULL
);

CREATE TABLE policies (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT NOT NULL
);

CREATE TABLE organisations (
    tenant_id  TEXT NOT NULL,
    id         TEXT NOT NULL,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    uscc       TEXT,
    disabled   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE users (
    tenant_id            TEXT NOT NULL,
    id                   TEXT NOT NULL,
    username             TEXT NOT NULL UNIQUE,
    display_name         TEXT NOT NULL,
    password_hash        TEXT NOT NULL,
    org_tenant_id        TEXT,
    org_id               TEXT,
    disabled             INTEGER NOT NULL DEFAULT 0,
    password_changed_at  INTEGER NOT NULL,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE INDEX users_id ON users (id);

CREATE TABLE user_roles (
    tenant_id  TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    role       TEXT NOT NULL,
    granted_by TEXT NOT NULL,
    granted_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, user_id, role)
);

CREATE TABLE grants (
    tenant_id     TEXT NOT NULL,
    id            TEXT NOT NULL,
    org_tenant_id TEXT NOT NULL,
    org_id        TEXT NOT NULL,
    role          TEXT NOT NULL,
    record_type   TEXT,
    record_id     TEXT,
    valid_until   INTEGER,
    granted_by    TEXT NOT NULL,
    granted_at    INTEGER NOT NULL,
    revoked_at    INTEGER,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX grants_org ON grants (org_id);

CREATE TABLE sessions (
    id                 TEXT PRIMARY KEY,
    token_hash         TEXT NOT NULL UNIQUE,
    refresh_hash       TEXT NOT NULL UNIQUE,
    user_id            TEXT NOT NULL,
    tenant_id          TEXT NOT NULL,
    created_at         INTEGER NOT NULL,
    expires_at         INTEGER NOT NULL,
    refresh_expires_at INTEGER NOT NULL,
    last_seen_at       INTEGER NOT NULL,
    revoked_at         INTEGER
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE audit_log (
    tenant_id    TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    id           TEXT NOT NULL,
    at           INTEGER NOT NULL,
    actor        TEXT NOT NULL,
    actor_tenant TEXT,
    operation    TEXT NOT NULL,
    target_type  TEXT NOT NULL,
    target_id    TEXT NOT NULL,
    changes      TEXT NOT NULL,
    request_id   TEXT NOT NULL,
    client_addr  TEXT NOT NULL,
    alg          TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX audit_log_at ON audit_log (tenant_id, at);
CREATE INDEX audit_log_target ON audit_log (tenant_id, target_type, target_id);
-- Append-only: the data-access layer never updates or deletes audit rows.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE audit_heads (
    tenant_id TEXT PRIMARY KEY,
    seq       INTEGER NOT NULL,
    hash      TEXT NOT NULL
);

CREATE TABLE notifications (
    tenant_id  TEXT NOT NULL,
    id         TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    link       TEXT,
    created_at INTEGER NOT NULL,
    read_at    INTEGER,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX notifications_id ON notifications (id);
CREATE INDEX notifications_user ON notifications (tenant_id, user_id, created_at);

CREATE TABLE jobs (
    tenant_id    TEXT NOT NULL,
    id           TEXT NOT NULL,
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    dedupe_key   TEXT,
    run_at       INTEGER NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    last_error   TEXT,
    locked_by    TEXT,
    locked_until INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX jobs_due ON jobs (status, run_at);
CREATE UNIQUE INDEX jobs_dedupe ON jobs (tenant_id, dedupe_key);

CREATE INDEX jobs_id ON jobs (id);

CREATE TABLE events (
    tenant_id     TEXT NOT NULL,
    id            TEXT NOT NULL,
    kind          TEXT NOT NULL,
    payload       TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    dispatched_at INTEGER,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX events_pending ON events (dispatched_at, created_at);
