-- After-hook jobs whose effects were applied: the effects and this row commit
-- together, so a job that runs again (its worker died before marking it done)
-- applies nothing twice.
CREATE TABLE plugin_effects_applied (
    tenant_id  TEXT NOT NULL,
    job_id     TEXT NOT NULL,
    applied_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, job_id)
);
ALTER TABLE plugin_effects_applied ENABLE ROW LEVEL SECURITY;
ALTER TABLE plugin_effects_applied FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON plugin_effects_applied
    USING ((SELECT anjian_scope_all()) OR tenant_id = ANY ((SELECT anjian_scope_tenants())::text[]))
    WITH CHECK ((SELECT anjian_scope_all()) OR tenant_id = ANY ((SELECT anjian_scope_tenants())::text[]));
GRANT SELECT, INSERT, UPDATE, DELETE ON plugin_effects_applied TO anjian_app;
