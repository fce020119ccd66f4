-- Accident reporting and statistics (生产安全事故统计上报, 国务院令493号).
-- Every table belongs to the county where the accident happened and is
-- keyed by tenant_id first, so it distributes on Citus by tenant.

CREATE TABLE acc_accidents (
    tenant_id        TEXT NOT NULL,
    id               TEXT NOT NULL,
    -- The register's enterprise, or NULL for a unit not in it.
    enterprise_id    TEXT,
    unit_name        TEXT NOT NULL,
    unit_uscc        TEXT,
    unit_address     TEXT,
    division_code    TEXT NOT NULL,
    occurred_at      BIGINT NOT NULL,
    -- YYYYMM of occurred_at in Beijing time: the statistics month.
    ym               BIGINT NOT NULL,
    place            TEXT NOT NULL,
    accident_type    TEXT NOT NULL,
    road_traffic     INTEGER NOT NULL,
    industry         TEXT NOT NULL,
    industry_section TEXT NOT NULL,
    size             TEXT NOT NULL,
    deaths           BIGINT NOT NULL,
    missing          BIGINT NOT NULL,
    serious_injuries BIGINT NOT NULL,
    minor_injuries   BIGINT NOT NULL,
    direct_loss_wan  DOUBLE PRECISION NOT NULL,
    grade            TEXT NOT NULL,
    state            TEXT NOT NULL,
    summary          TEXT NOT NULL,
    cause            TEXT,
    measures         TEXT,
    reporter         TEXT NOT NULL,
    reporter_phone   TEXT NOT NULL,
    -- When the unit reported to the county, and when it was entered.
    unit_reported_at BIGINT NOT NULL,
    reported_at      BIGINT NOT NULL,
    -- county, city or province: how far up the flash report has come.
    reached_level    TEXT NOT NULL,
    acks             TEXT NOT NULL,
    investigation    TEXT,
    extended         INTEGER NOT NULL,
    rectification    TEXT,
    version          BIGINT NOT NULL,
    created_by       TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX acc_accidents_month ON acc_accidents (tenant_id, ym);
CREATE INDEX acc_accidents_enterprise ON acc_accidents (tenant_id, enterprise_id, occurred_at);
CREATE INDEX acc_accidents_recent ON acc_accidents (tenant_id, occurred_at);

-- The accident's timeline.
CREATE TABLE acc_events (
    tenant_id   TEXT NOT NULL,
    accident_id TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    at          BIGINT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    details     TEXT NOT NULL,
    PRIMARY KEY (tenant_id, accident_id, seq)
);

-- The watched time limits: open while done_at is NULL.
CREATE TABLE acc_clocks (
    tenant_id   TEXT NOT NULL,
    accident_id TEXT NOT NULL,
    kind        TEXT NOT NULL,
    started_at  BIGINT NOT NULL,
    due_at      BIGINT NOT NULL,
    done_at     BIGINT,
    done_by     TEXT,
    late        INTEGER NOT NULL,
    auto        INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, accident_id, kind)
);
CREATE INDEX acc_clocks_open ON acc_clocks (tenant_id, done_at, due_at);

-- Follow-up reports (续报/补报): applied, or waiting for the province.
CREATE TABLE acc_followups (
    tenant_id   TEXT NOT NULL,
    accident_id TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    at          BIGINT NOT NULL,
    by_user     TEXT NOT NULL,
    before_figs TEXT NOT NULL,
    after_figs  TEXT NOT NULL,
    note        TEXT NOT NULL,
    late        INTEGER NOT NULL,
    status      TEXT NOT NULL,
    decided_by  TEXT,
    decided_at  BIGINT,
    PRIMARY KEY (tenant_id, accident_id, seq)
);

-- Findings about how an accident was reported or caused, for credit.
CREATE TABLE acc_findings (
    tenant_id   TEXT NOT NULL,
    accident_id TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    kind        TEXT NOT NULL,
    subject     TEXT NOT NULL,
    detail      TEXT NOT NULL,
    at          BIGINT NOT NULL,
    by_user     TEXT NOT NULL,
    PRIMARY KEY (tenant_id, accident_id, seq)
);

-- Closed (published) months and their frozen figures.
CREATE TABLE acc_months (
    tenant_id TEXT NOT NULL,
    ym        BIGINT NOT NULL,
    closed_at BIGINT NOT NULL,
    closed_by TEXT NOT NULL,
    PRIMARY KEY (tenant_id, ym)
);

CREATE TABLE acc_published (
    tenant_id        TEXT NOT NULL,
    ym               BIGINT NOT NULL,
    division_code    TEXT NOT NULL,
    industry_section TEXT NOT NULL,
    accident_type    TEXT NOT NULL,
    grade            TEXT NOT NULL,
    size             TEXT NOT NULL,
    accidents        BIGINT NOT NULL,
    deaths           BIGINT NOT NULL,
    serious_injuries BIGINT NOT NULL,
    minor_injuries   BIGINT NOT NULL,
    direct_loss_wan  DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (tenant_id, ym, division_code, industry_section, accident_type, grade, size)
);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['acc_accidents', 'acc_events', 'acc_clocks', 'acc_followups',
                             'acc_findings', 'acc_months', 'acc_published'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I '
            'USING ((SELECT anjian_scope_all()) OR tenant_id = ANY ((SELECT anjian_scope_tenants())::text[])) '
            'WITH CHECK ((SELECT anjian_scope_all()) OR tenant_id = ANY ((SELECT anjian_scope_tenants())::text[]))', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO anjian_app', t);
    END LOOP;
END $$;
-- The timeline and the findings are appended to, never changed.
REVOKE UPDATE, DELETE, TRUNCATE ON acc_events, acc_findings FROM anjian_app;
