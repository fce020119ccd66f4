-- Safety standardization review (安全生产标准化评审). Checklists and the
-- certificate number sequences are the province's data (no tenant); an
-- application, its timeline and its certificate belong to the county of
-- the enterprise.

CREATE TABLE std_checklists (
    industry      TEXT NOT NULL,
    version       TEXT NOT NULL,
    name          TEXT NOT NULL,
    standard      TEXT NOT NULL,
    full_score    DOUBLE PRECISION NOT NULL,
    body          TEXT NOT NULL,
    loaded_at     BIGINT NOT NULL,
    loaded_by     TEXT NOT NULL,
    superseded_at BIGINT,
    PRIMARY KEY (industry, version)
);

-- One row per certificate number prefix (region, industry, grade, year):
-- the next sequence number, taken in the issuing transaction, so numbers
-- have no gaps and no duplicates.
CREATE TABLE std_certificate_sequences (
    prefix TEXT NOT NULL PRIMARY KEY,
    next   BIGINT NOT NULL
);

CREATE TABLE std_applications (
    tenant_id           TEXT NOT NULL,
    id                  TEXT NOT NULL,
    enterprise_id       TEXT NOT NULL,
    enterprise_uscc     TEXT NOT NULL,
    enterprise_name     TEXT NOT NULL,
    industry            TEXT NOT NULL,
    division_code       TEXT NOT NULL,
    applied_grade       TEXT NOT NULL,
    state               TEXT NOT NULL,
    system_run_since    TEXT NOT NULL,
    record              TEXT NOT NULL,
    checklist_version   TEXT,
    self_marks          TEXT,
    self_score          DOUBLE PRECISION,
    review_unit_tenant  TEXT,
    review_unit_id      TEXT,
    organiser_tenant    TEXT,
    organiser_id        TEXT,
    review              TEXT,
    review_score        DOUBLE PRECISION,
    achieved_grade      TEXT,
    refusal             TEXT,
    objections          TEXT NOT NULL DEFAULT '[]',
    due_at              BIGINT,
    overdue             BIGINT NOT NULL DEFAULT 0,
    notice_ends_at      BIGINT,
    certificate_number  TEXT,
    version             BIGINT NOT NULL DEFAULT 1,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL,
    submitted_at        BIGINT,
    accepted_at         BIGINT,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX std_applications_id ON std_applications (id);
CREATE INDEX std_applications_state ON std_applications (tenant_id, state, updated_at);
CREATE INDEX std_applications_enterprise ON std_applications (tenant_id, enterprise_id);
CREATE INDEX std_applications_review_unit ON std_applications (review_unit_id, updated_at);

CREATE TABLE std_events (
    tenant_id      TEXT NOT NULL,
    application_id TEXT NOT NULL,
    seq            BIGINT NOT NULL,
    at             BIGINT NOT NULL,
    actor          TEXT NOT NULL,
    action         TEXT NOT NULL,
    from_state     TEXT,
    to_state       TEXT NOT NULL,
    comment        TEXT,
    details        TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (tenant_id, application_id, seq)
);

CREATE TABLE std_certificates (
    tenant_id       TEXT NOT NULL,
    number          TEXT NOT NULL,
    application_id  TEXT NOT NULL,
    enterprise_id   TEXT NOT NULL,
    enterprise_uscc TEXT NOT NULL,
    enterprise_name TEXT NOT NULL,
    industry        TEXT NOT NULL,
    grade           TEXT NOT NULL,
    issued_at       BIGINT NOT NULL,
    valid_until     BIGINT NOT NULL,
    status          TEXT NOT NULL,
    status_reason   TEXT,
    issuer          TEXT NOT NULL,
    canonical       TEXT NOT NULL,
    signature       TEXT NOT NULL,
    key_id          TEXT NOT NULL,
    PRIMARY KEY (tenant_id, number)
);
CREATE UNIQUE INDEX std_certificates_number ON std_certificates (number);
CREATE INDEX std_certificates_enterprise ON std_certificates (tenant_id, enterprise_id);
CREATE INDEX std_certificates_expiry ON std_certificates (status, valid_until);
