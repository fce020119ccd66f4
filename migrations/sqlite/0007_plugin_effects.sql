-- After-hook jobs whose effects were applied: the effects and this row commit
-- together, so a job that runs again applies nothing twice.
CREATE TABLE plugin_effects_applied (
    tenant_id  TEXT NOT NULL,
    job_id     TEXT NOT NULL,
    applied_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, job_id)
);
