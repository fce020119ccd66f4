-- Enterprise base database (企业安全生产基础数据库). Tenant = county of the
-- production address; the USCC is unique within a county's register.

CREATE TABLE enterprises (
    tenant_id             TEXT NOT NULL,
    id                    TEXT NOT NULL,
    uscc                  TEXT NOT NULL,
    name                  TEXT NOT NULL,
    legal_representative  TEXT,
    principal             TEXT,
    principal_phone       TEXT,
    safety_manager        TEXT,
    registered_address    TEXT,
    production_address    TEXT NOT NULL,
    division_code         TEXT NOT NULL,
    latitude              DOUBLE PRECISION,
    longitude             DOUBLE PRECISION,
    industry              TEXT NOT NULL,
    industry_subtype      TEXT,
    gbt4754               TEXT,
    registration_type     TEXT,
    size_band             TEXT NOT NULL,
    size_band_overridden  BIGINT NOT NULL DEFAULT 0,
    above_designated_size BIGINT NOT NULL DEFAULT 0,
    staff_count           BIGINT,
    revenue_wan           DOUBLE PRECISION,
    founded_on            TEXT,
    status                TEXT NOT NULL,
    safety_staff          BIGINT,
    safety_engineers      BIGINT,
    risk_flags            TEXT NOT NULL DEFAULT '',
    max_hazard_grade      BIGINT,
    search_text           TEXT NOT NULL,
    created_at            BIGINT NOT NULL,
    updated_at            BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, uscc)
);
CREATE INDEX enterprises_id ON enterprises (id);
CREATE INDEX enterprises_uscc ON enterprises (uscc);
CREATE INDEX enterprises_list ON enterprises (tenant_id, industry, size_band, status);
CREATE INDEX enterprises_name ON enterprises (tenant_id, name);
CREATE INDEX enterprises_tenant_industry_name ON enterprises (tenant_id, industry, name);
CREATE INDEX enterprises_industry_name ON enterprises (industry, name);

CREATE TABLE enterprise_licences (
    tenant_id     TEXT NOT NULL,
    id            TEXT NOT NULL,
    enterprise_id TEXT NOT NULL,
    kind          TEXT NOT NULL,
    number        TEXT NOT NULL,
    scope         TEXT,
    issued_on     TEXT,
    expires_on    TEXT,
    reminded_at   BIGINT,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX enterprise_licences_ent ON enterprise_licences (tenant_id, enterprise_id);
CREATE INDEX enterprise_licences_exp ON enterprise_licences (tenant_id, expires_on);

CREATE TABLE enterprise_hazards (
    tenant_id     TEXT NOT NULL,
    id            TEXT NOT NULL,
    enterprise_id TEXT NOT NULL,
    name          TEXT NOT NULL,
    r_value       DOUBLE PRECISION NOT NULL,
    grade         BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX enterprise_hazards_ent ON enterprise_hazards (tenant_id, enterprise_id);

-- Every change: who, when, which fields, old and new values. Also the
-- incremental change feed (ordered by at, id).
CREATE TABLE enterprise_history (
    tenant_id     TEXT NOT NULL,
    id            TEXT NOT NULL,
    enterprise_id TEXT NOT NULL,
    uscc          TEXT NOT NULL,
    at            BIGINT NOT NULL,
    actor         TEXT NOT NULL,
    operation     TEXT NOT NULL,
    changes       TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX enterprise_history_ent ON enterprise_history (tenant_id, enterprise_id, at);
CREATE INDEX enterprise_history_feed ON enterprise_history (at, id);

-- Changes an enterprise asks for; the county approves (applies) or rejects.
CREATE TABLE enterprise_change_requests (
    tenant_id     TEXT NOT NULL,
    id            TEXT NOT NULL,
    enterprise_id TEXT NOT NULL,
    requested_by  TEXT NOT NULL,
    changes       TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    reason        TEXT,
    decided_by    TEXT,
    created_at    BIGINT NOT NULL,
    decided_at    BIGINT,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX enterprise_change_requests_status ON enterprise_change_requests (tenant_id, status);

-- Imports uploaded over GraphQL: run from the job queue, progress queryable.
CREATE TABLE enterprise_imports (
    tenant_id   TEXT NOT NULL,
    id          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    format      TEXT NOT NULL,
    best_effort BIGINT NOT NULL,
    dry_run     BIGINT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    content     BYTEA,
    rows_read   BIGINT NOT NULL DEFAULT 0,
    report      TEXT,
    rejects     BYTEA,
    error       TEXT,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX enterprise_imports_id ON enterprise_imports (id);

-- Chinese substring search ("化工" finds "杭州某某化工有限公司") through trigrams.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX enterprises_search ON enterprises USING gin (search_text gin_trgm_ops);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['enterprises', 'enterprise_licences', 'enterprise_hazards',
                             'enterprise_history', 'enterprise_change_requests', 'enterprise_imports'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I '
            'USING ((SELECT anjian_scope_all()) OR tenant_id = ANY ((SELECT anjian_scope_tenants())::text[])) '
            'WITH CHECK ((SELECT anjian_scope_all()) OR tenant_id = ANY ((SELECT anjian_scope_tenants())::text[]))', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO anjian_app', t);
    END LOOP;
END $$;
