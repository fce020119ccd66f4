-- Anjian platform core (PostgreSQL). Times are Unix epoch milliseconds (BIGINT);
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
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX tenants_parent ON tenants (parent_code);

CREATE TABLE tenant_history (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL REFERENCES tenants (code),
    at          BIGINT NOT NULL,
    action      TEXT NOT NULL,
    detail      TEXT NOT NULL,
    actor       TEXT NOT NULL
);
CREATE INDEX tenant_history_code ON tenant_history (code, at);

CREATE TABLE seed_versions (
    name       TEXT PRIMARY KEY,
    version    TEXT NOT NULL,
    applied_at BIGINT NOT NULL
);

CREATE TABLE policies (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT NOT NULL
);

CREATE TABLE organisations (
    tenant_id  TEXT NOT NULL,
    id         TEXT NOT NULL,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    uscc       TEXT,
    disabled   BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
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
    disabled             BIGINT NOT NULL DEFAULT 0,
    password_changed_at  BIGINT NOT NULL,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE INDEX users_id ON users (id);

CREATE TABLE user_roles (
    tenant_id  TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    role       TEXT NOT NULL,
    granted_by TEXT NOT NULL,
    granted_at BIGINT NOT NULL,
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
    valid_until   BIGINT,
    granted_by    TEXT NOT NULL,
    granted_at    BIGINT NOT NULL,
    revoked_at    BIGINT,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX grants_org ON grants (org_id);

CREATE TABLE sessions (
    id                 TEXT PRIMARY KEY,
    token_hash         TEXT NOT NULL UNIQUE,
    refresh_hash       TEXT NOT NULL UNIQUE,
    user_id            TEXT NOT NULL,
    tenant_id          TEXT NOT NULL,
    created_at         BIGINT NOT NULL,
    expires_at         BIGINT NOT NULL,
    refresh_expires_at BIGINT NOT NULL,
    last_seen_at       BIGINT NOT NULL,
    revoked_at         BIGINT
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE audit_log (
    tenant_id    TEXT NOT NULL,
    seq          BIGINT NOT NULL,
    id           TEXT NOT NULL,
    at           BIGINT NOT NULL,
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
-- Append-only: no UPDATE or DELETE grant for the application role, and a
-- trigger refuses both for everyone else short of disabling it.
CREATE FUNCTION anjian_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION anjian_audit_append_only();

CREATE TABLE audit_heads (
    tenant_id TEXT PRIMARY KEY,
    seq       BIGINT NOT NULL,
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
    created_at BIGINT NOT NULL,
    read_at    BIGINT,
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
    run_at       BIGINT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    attempts     BIGINT NOT NULL DEFAULT 0,
    max_attempts BIGINT NOT NULL,
    last_error   TEXT,
    locked_by    TEXT,
    locked_until BIGINT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX jobs_due ON jobs (run_at) WHERE status IN ('queued', 'running');
CREATE UNIQUE INDEX jobs_dedupe ON jobs (tenant_id, dedupe_key);

CREATE INDEX jobs_id ON jobs (id);

CREATE TABLE events (
    tenant_id     TEXT NOT NULL,
    id            TEXT NOT NULL,
    kind          TEXT NOT NULL,
    payload       TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    dispatched_at BIGINT,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX events_pending ON events (created_at) WHERE dispatched_at IS NULL;

-- Row-level security. The server's role (member of anjian_app) is neither the
-- owner nor BYPASSRLS; each request sets `anjian.tenants` transaction-locally
-- to '*' (province / system) or a comma-separated list of visible tenant codes.
-- Two helpers, each called once per statement: the policies wrap them in
-- scalar subqueries (InitPlans), so a scan doesn't re-read the setting per row.
CREATE FUNCTION anjian_scope_all() RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('anjian.tenants', true), '') = '*'
$$;
CREATE FUNCTION anjian_scope_tenants() RETURNS text[]
    LANGUAGE sql STABLE AS $$
    SELECT coalesce(string_to_array(nullif(current_setting('anjian.tenants', true), ''), ','), '{}')
$$;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['organisations', 'users', 'user_roles', 'grants', 'audit_log',
                             'audit_heads', 'notifications', 'jobs', 'events'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I '
            'USING ((SELECT anjian_scope_all()) OR tenant_id = ANY ((SELECT anjian_scope_tenants())::text[])) '
            'WITH CHECK ((SELECT anjian_scope_all()) OR tenant_id = ANY ((SELECT anjian_scope_tenants())::text[]))', t);
    END LOOP;
END $$;

-- The application role: ordinary DML, but the audit trail is append-only.
GRANT USAGE ON SCHEMA public TO anjian_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO anjian_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO anjian_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM anjian_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON tenants, seed_versions FROM anjian_app;
GRANT UPDATE ON tenants TO anjian_app;
GRANT INSERT ON tenants TO anjian_app;
REVOKE ALL ON _sqlx_migrations FROM anjian_app;
