-- Hidden-hazard investigation and governance (隐患排查治理). A hazard belongs
-- to the county of its enterprise; its timeline is append-only.

CREATE TABLE hazards (
    tenant_id          TEXT NOT NULL,
    id                 TEXT NOT NULL,
    enterprise_id      TEXT NOT NULL,
    enterprise_uscc    TEXT NOT NULL,
    enterprise_name    TEXT NOT NULL,
    industry           TEXT NOT NULL,
    division_code      TEXT NOT NULL,
    source             TEXT NOT NULL,
    category           TEXT NOT NULL,
    level              TEXT NOT NULL,
    state              TEXT NOT NULL,
    description        TEXT NOT NULL,
    location           TEXT,
    found_at           BIGINT NOT NULL,
    found_month        TEXT NOT NULL,
    reporter           TEXT NOT NULL,
    responsible_person TEXT,
    measures           TEXT,
    deadline_at        BIGINT,
    funds_wan          DOUBLE PRECISION,
    contingency_plan   TEXT,
    major_report       TEXT,
    governance_plan    TEXT,
    listing_level      TEXT,
    inspector          TEXT,
    overdue            BIGINT NOT NULL DEFAULT 0,
    was_listed         BIGINT NOT NULL DEFAULT 0,
    site_check_due_at  BIGINT,
    public_report_id   TEXT,
    version            BIGINT NOT NULL DEFAULT 1,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL,
    closed_at          BIGINT,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX hazards_id ON hazards (id);
CREATE INDEX hazards_enterprise ON hazards (tenant_id, enterprise_id, found_at);
CREATE INDEX hazards_state ON hazards (tenant_id, state, found_at);
CREATE INDEX hazards_found ON hazards (tenant_id, found_at);
-- The province-wide list, newest first.
CREATE INDEX hazards_recent ON hazards (found_at, id);

-- Every transition: who, when, from which state to which, with what comment
-- and attachments.
CREATE TABLE hazard_events (
    tenant_id   TEXT NOT NULL,
    hazard_id   TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    at          BIGINT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    from_state  TEXT,
    to_state    TEXT NOT NULL,
    comment     TEXT,
    attachments TEXT NOT NULL DEFAULT '[]',
    details     TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (tenant_id, hazard_id, seq)
);

CREATE TABLE hazard_attachments (
    tenant_id    TEXT NOT NULL,
    id           TEXT NOT NULL,
    hazard_id    TEXT NOT NULL,
    enterprise_id TEXT NOT NULL,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    storage_key  TEXT NOT NULL,
    uploaded_by  TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX hazard_attachments_hazard ON hazard_attachments (tenant_id, hazard_id);

-- Maintained roll-up, updated in the transaction of every change it counts:
-- per county, month found, industry, level and source.
CREATE TABLE hazard_stats (
    tenant_id     TEXT NOT NULL,
    found_month   TEXT NOT NULL,
    industry      TEXT NOT NULL,
    level         TEXT NOT NULL,
    source        TEXT NOT NULL,
    found         BIGINT NOT NULL DEFAULT 0,
    rectified     BIGINT NOT NULL DEFAULT 0,
    on_time       BIGINT NOT NULL DEFAULT 0,
    overdue       BIGINT NOT NULL DEFAULT 0,
    listed        BIGINT NOT NULL DEFAULT 0,
    listed_closed BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, found_month, industry, level, source)
);

-- The same roll-up without the industry: what the dashboard reads for every
-- grouping but the industry (a province-year is a few thousand rows here).
CREATE TABLE hazard_stats_monthly (
    tenant_id     TEXT NOT NULL,
    found_month   TEXT NOT NULL,
    level         TEXT NOT NULL,
    source        TEXT NOT NULL,
    found         BIGINT NOT NULL DEFAULT 0,
    rectified     BIGINT NOT NULL DEFAULT 0,
    on_time       BIGINT NOT NULL DEFAULT 0,
    overdue       BIGINT NOT NULL DEFAULT 0,
    listed        BIGINT NOT NULL DEFAULT 0,
    listed_closed BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, found_month, level, source)
);

-- Self-checks (自查), including those that found nothing.
CREATE TABLE hazard_self_checks (
    tenant_id     TEXT NOT NULL,
    id            TEXT NOT NULL,
    enterprise_id TEXT NOT NULL,
    checked_on    TEXT NOT NULL,
    scope         TEXT NOT NULL,
    found         BIGINT NOT NULL,
    note          TEXT,
    checked_by    TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX hazard_self_checks_ent ON hazard_self_checks (tenant_id, enterprise_id, checked_on);

-- Quarterly and yearly statistics reports, signed by the principal.
CREATE TABLE hazard_periodic_reports (
    tenant_id     TEXT NOT NULL,
    enterprise_id TEXT NOT NULL,
    period        TEXT NOT NULL,
    figures       TEXT NOT NULL,
    signed_by     TEXT NOT NULL,
    submitted_by  TEXT NOT NULL,
    submitted_at  BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, enterprise_id, period)
);

-- Reports from the public (举报). The reporter follows one with a token, of
-- which only the hash is kept; the reporter's identity is for inspectors only.
CREATE TABLE hazard_public_reports (
    tenant_id       TEXT NOT NULL,
    id              TEXT NOT NULL,
    token_hash      TEXT NOT NULL,
    enterprise_name TEXT NOT NULL,
    enterprise_uscc TEXT,
    address         TEXT NOT NULL,
    description     TEXT NOT NULL,
    reporter_name   TEXT,
    reporter_phone  TEXT,
    status          TEXT NOT NULL,
    reason          TEXT,
    hazard_id       TEXT,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX hazard_public_reports_token ON hazard_public_reports (token_hash);
CREATE INDEX hazard_public_reports_status ON hazard_public_reports (tenant_id, status, created_at);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['hazards', 'hazard_events', 'hazard_attachments', 'hazard_stats', 'hazard_stats_monthly',
                             'hazard_self_checks', 'hazard_periodic_reports', 'hazard_public_reports'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I '
            'USING ((SELECT anjian_scope_all()) OR tenant_id = ANY ((SELECT anjian_scope_tenants())::text[])) '
            'WITH CHECK ((SELECT anjian_scope_all()) OR tenant_id = ANY ((SELECT anjian_scope_tenants())::text[]))', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO anjian_app', t);
    END LOOP;
END $$;
