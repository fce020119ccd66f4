-- Issue 21 (等保 三级 hardening).
-- Compiled plugin artifacts are authenticated with a key outside the
-- database (ANJIAN_ARTIFACT_KEY): the old rows carry a bare hash and go; the
-- server may add an artifact but never change or remove one.
DELETE FROM plugin_artifacts;
REVOKE UPDATE, DELETE, TRUNCATE ON plugin_artifacts FROM anjian_app;

-- A ban holds against the same code under other custom sections: each
-- upload keeps the hash of its component without them.
ALTER TABLE plugin_versions ADD COLUMN code_sha256 TEXT;
CREATE INDEX plugin_versions_code ON plugin_versions (code_sha256);
ALTER TABLE plugin_bans ADD COLUMN code_sha256 TEXT;
CREATE INDEX plugin_bans_code ON plugin_bans (code_sha256);

-- Refresh tokens already exchanged: one that comes back was stolen (or the
-- client's copy was), and its session is revoked.
CREATE TABLE refresh_tokens_used (
    token_hash TEXT PRIMARY KEY,
    session_id TEXT NOT NULL,
    tenant_id  TEXT NOT NULL,
    used_at    BIGINT NOT NULL
);
CREATE INDEX refresh_tokens_used_session ON refresh_tokens_used (session_id);
GRANT SELECT, INSERT, DELETE ON refresh_tokens_used TO anjian_app;
