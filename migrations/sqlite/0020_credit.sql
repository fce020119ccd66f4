-- Credit, blacklist and administrative penalties (诚信, 黑名单, 行政处罚).
-- Every table belongs to the county of the enterprise (or of the deciding
-- authority) and is keyed by tenant_id first, so it distributes on Citus.

-- Credit events (失信行为), from the other modules' outbox events or entered
-- by the county; one per source record and trigger.
CREATE TABLE cr_events (
    tenant_id     TEXT NOT NULL,
    id            TEXT NOT NULL,
    enterprise_id TEXT NOT NULL,
    uscc          TEXT NOT NULL,
    name          TEXT NOT NULL,
    source        TEXT NOT NULL,
    trig          TEXT NOT NULL,
    ref_id        TEXT NOT NULL,
    detail        TEXT NOT NULL,
    occurred_at   BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    created_by    TEXT NOT NULL,
    listing_id    TEXT,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX cr_events_once ON cr_events (tenant_id, source, ref_id, trig);
CREATE INDEX cr_events_enterprise ON cr_events (tenant_id, enterprise_id, occurred_at);

-- Listings on the blacklist (严重失信主体名单) and where each stands.
CREATE TABLE cr_listings (
    tenant_id          TEXT NOT NULL,
    id                 TEXT NOT NULL,
    enterprise_id      TEXT NOT NULL,
    uscc               TEXT NOT NULL,
    name               TEXT NOT NULL,
    trig               TEXT NOT NULL,
    reason             TEXT NOT NULL,
    term_months        BIGINT NOT NULL,
    measures           TEXT NOT NULL,
    state              TEXT NOT NULL,
    proposed_at        BIGINT NOT NULL,
    proposed_by        TEXT NOT NULL,
    notified_at        BIGINT,
    defence_due_at     BIGINT,
    defence            TEXT,
    defence_at         BIGINT,
    defence_answer     TEXT,
    decided_at         BIGINT,
    decided_by         TEXT,
    published_at       BIGINT,
    starts_at          BIGINT,
    ends_at            BIGINT,
    removal_kind       TEXT,
    removal_statement  TEXT,
    removal_applied_at BIGINT,
    review_note        TEXT,
    removed_at         BIGINT,
    version            BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX cr_listings_enterprise ON cr_listings (tenant_id, enterprise_id);
CREATE INDEX cr_listings_state ON cr_listings (tenant_id, state, proposed_at);
CREATE INDEX cr_listings_public ON cr_listings (published_at, tenant_id);

-- A listing's timeline: appended to, never changed.
CREATE TABLE cr_listing_steps (
    tenant_id  TEXT NOT NULL,
    listing_id TEXT NOT NULL,
    seq        BIGINT NOT NULL,
    at         BIGINT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    note       TEXT NOT NULL,
    PRIMARY KEY (tenant_id, listing_id, seq)
);

-- Measures planned while listed: inspections, the summons.
CREATE TABLE cr_tasks (
    tenant_id     TEXT NOT NULL,
    id            TEXT NOT NULL,
    listing_id    TEXT NOT NULL,
    enterprise_id TEXT NOT NULL,
    kind          TEXT NOT NULL,
    due_at        BIGINT NOT NULL,
    done_at       BIGINT,
    done_by       TEXT,
    note          TEXT,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX cr_tasks_listing ON cr_tasks (tenant_id, listing_id, due_at);

-- Administrative penalties (行政处罚), by the county that decided them.
CREATE TABLE cr_penalties (
    tenant_id             TEXT NOT NULL,
    id                    TEXT NOT NULL,
    case_number           TEXT NOT NULL,
    year                  BIGINT NOT NULL,
    party_kind            TEXT NOT NULL,
    enterprise_id         TEXT,
    party_name            TEXT NOT NULL,
    party_uscc            TEXT,
    person_id_number      TEXT,
    violation             TEXT NOT NULL,
    article               TEXT NOT NULL,
    penalty_type          TEXT NOT NULL,
    amount_yuan           DOUBLE PRECISION NOT NULL,
    decided_at            BIGINT NOT NULL,
    enforcement           TEXT NOT NULL,
    appeal                TEXT NOT NULL,
    documents             TEXT NOT NULL,
    working_while_stopped INTEGER NOT NULL,
    state                 TEXT NOT NULL,
    publish_due_at        BIGINT NOT NULL,
    published_at          BIGINT,
    published_late        INTEGER NOT NULL,
    public_summary        TEXT,
    version               BIGINT NOT NULL,
    created_by            TEXT NOT NULL,
    created_at            BIGINT NOT NULL,
    updated_at            BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX cr_penalties_case ON cr_penalties (tenant_id, year, case_number);
CREATE INDEX cr_penalties_enterprise ON cr_penalties (tenant_id, enterprise_id);
CREATE INDEX cr_penalties_published ON cr_penalties (published_at, tenant_id);

-- Public commitments (安全生产承诺).
CREATE TABLE cr_commitments (
    tenant_id     TEXT NOT NULL,
    id            TEXT NOT NULL,
    enterprise_id TEXT NOT NULL,
    text          TEXT NOT NULL,
    made_at       BIGINT NOT NULL,
    made_by       TEXT NOT NULL,
    broken_at     BIGINT,
    broken_reason TEXT,
    broken_by     TEXT,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX cr_commitments_enterprise ON cr_commitments (tenant_id, enterprise_id);

-- Each enterprise's credit grade, with its reasons.
CREATE TABLE cr_grades (
    tenant_id     TEXT NOT NULL,
    enterprise_id TEXT NOT NULL,
    uscc          TEXT NOT NULL,
    name          TEXT NOT NULL,
    grade         TEXT NOT NULL,
    reasons       TEXT NOT NULL,
    computed_at   BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, enterprise_id)
);
CREATE INDEX cr_grades_uscc ON cr_grades (uscc);
CREATE INDEX cr_grades_name ON cr_grades (name);
