-- WebAssembly plugins (插件): uploaded versions, each county's settings per
-- plugin, the last invocations, compiled artifacts, bans and the change epoch.

CREATE TABLE plugin_versions (
    tenant_id      TEXT NOT NULL,
    id             TEXT NOT NULL,
    name           TEXT NOT NULL,
    version        TEXT NOT NULL,
    author         TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    hooks          TEXT NOT NULL,
    wit_version    TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    size_bytes     BIGINT NOT NULL,
    component      BLOB NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('draft', 'tested', 'active', 'disabled', 'retired')),
    compile_status TEXT NOT NULL CHECK (compile_status IN ('pending', 'ready', 'failed')),
    compile_error  TEXT,
    uploaded_by    TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name, version)
);
CREATE INDEX plugin_versions_id ON plugin_versions (id);
CREATE INDEX plugin_versions_active ON plugin_versions (state);
CREATE INDEX plugin_versions_sha ON plugin_versions (sha256);

-- How a county runs a plugin: order on its hooks, fail-open, limits, config.
CREATE TABLE plugin_settings (
    tenant_id  TEXT NOT NULL,
    name       TEXT NOT NULL,
    position   BIGINT NOT NULL DEFAULT 0,
    fail_open  BIGINT NOT NULL DEFAULT 0,
    limits     TEXT NOT NULL DEFAULT '{}',
    config     TEXT NOT NULL DEFAULT '{}',
    updated_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, name)
);

-- The last invocations of each plugin (kept: `plugin_invocations_kept`).
CREATE TABLE plugin_invocations (
    tenant_id   TEXT NOT NULL,
    id          TEXT NOT NULL,
    name        TEXT NOT NULL,
    version     TEXT NOT NULL,
    version_id  TEXT NOT NULL,
    hook        TEXT NOT NULL,
    at          BIGINT NOT NULL,
    failure     TEXT,
    input       TEXT NOT NULL,
    output      TEXT,
    logs        TEXT NOT NULL,
    fuel        BIGINT NOT NULL,
    duration_us BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX plugin_invocations_name ON plugin_invocations (tenant_id, name, at);

-- Compiled components by content hash and engine (shared by every county).
CREATE TABLE plugin_artifacts (
    sha256       TEXT NOT NULL,
    engine_key   TEXT NOT NULL,
    artifact     BLOB NOT NULL,
    artifact_sha TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (sha256, engine_key)
);

-- Components the province disabled everywhere (refused at upload too).
CREATE TABLE plugin_bans (
    sha256    TEXT PRIMARY KEY,
    reason    TEXT NOT NULL,
    banned_by TEXT NOT NULL,
    at        BIGINT NOT NULL
);

-- Bumped by every change to what runs; instances poll it (and hear Redis).
CREATE TABLE plugin_epoch (
    id    BIGINT PRIMARY KEY,
    epoch BIGINT NOT NULL
);
INSERT INTO plugin_epoch (id, epoch) VALUES (1, 0);

