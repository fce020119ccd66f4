-- Text search moves out of the register's write path. The trigram index on
-- `enterprises` cost as much as every other index together on each insert,
-- and could not serve two-character Chinese terms (化工), the commonest
-- search. Its replacement is a separate search table keyed like the
-- register: the distinct two-character pieces (bigrams) of each
-- enterprise's search text under a GIN index. A term of two or more
-- characters must contain all of its bigrams, so the index narrows the rows
-- and a LIKE on the stored document confirms each one.
--
-- Single writes keep their row current in the same transaction. A bulk
-- import marks its county pending instead and queues a job that brings the
-- county's rows up to date after it commits; until then searches in a
-- pending county fall back to scanning the register, so they stay exact.

DROP INDEX enterprises_search;
DROP FUNCTION anjian_merge_enterprise_search();

-- Fewer indexes for every insert to maintain (each B-tree on a random key
-- cost about 0.3 s per 100,000 imported rows):
-- * the USCC's uniqueness within a county, led by the USCC, also serves the
--   cross-county lookups that had an index of their own;
-- * (tenant_id, industry, name) is covered by (tenant_id, name) for the page
--   and (tenant_id, industry, size_band, status) for the count.
ALTER TABLE enterprises DROP CONSTRAINT enterprises_tenant_id_uscc_key;
CREATE UNIQUE INDEX enterprises_uscc_tenant ON enterprises (uscc, tenant_id);
DROP INDEX enterprises_uscc;
DROP INDEX enterprises_tenant_industry_name;

-- Distinct two-character pieces of a text (empty for shorter texts).
CREATE FUNCTION anjian_bigrams(t text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT coalesce(array_agg(DISTINCT substr(t, i, 2)), '{}')
          FROM generate_series(1, length(t) - 1) AS i $$;

CREATE TABLE enterprise_search (
    tenant_id     TEXT NOT NULL,
    enterprise_id TEXT NOT NULL,
    document      TEXT NOT NULL,   -- the enterprise's search_text when indexed
    terms         TEXT[] NOT NULL, -- anjian_bigrams(document)
    PRIMARY KEY (tenant_id, enterprise_id)
);
-- One GIN over the county and the bigrams (btree_gin, from contrib like
-- pg_trgm): a county's search narrows on both at once.
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX enterprise_search_terms ON enterprise_search USING gin (tenant_id, terms);

-- Counties whose search rows a bulk import has left behind, one row per
-- import until its job has caught up.
CREATE TABLE enterprise_search_pending (
    tenant_id  TEXT NOT NULL,
    id         TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

-- Searches go through this function. Under row-level security PostgreSQL
-- may only use an index for conditions whose operators are leakproof, and
-- the array and LIKE operators are not: the app role's search scanned the
-- county's rows whatever the index. The function runs as the table's owner
-- (the table's RLS is not forced on its owner) and applies the session's
-- tenant scope itself, exactly as the policy does; the app role still writes
-- the table under the policy. EXECUTE plans each search for its terms.
CREATE FUNCTION anjian_enterprise_search(terms text[], pattern text) RETURNS SETOF text
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$
BEGIN
    IF anjian_scope_all() THEN
        RETURN QUERY EXECUTE
            'SELECT enterprise_id FROM enterprise_search WHERE terms @> $1 AND document LIKE $2'
            USING terms, pattern;
    ELSE
        RETURN QUERY EXECUTE
            'SELECT enterprise_id FROM enterprise_search '
            'WHERE tenant_id = ANY ($3) AND terms @> $1 AND document LIKE $2'
            USING terms, pattern, anjian_scope_tenants();
    END IF;
END $$;

INSERT INTO enterprise_search (tenant_id, enterprise_id, document, terms)
SELECT tenant_id, id, search_text, anjian_bigrams(search_text) FROM enterprises;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['enterprise_search', 'enterprise_search_pending'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        IF t = 'enterprise_search_pending' THEN
            EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        END IF;
        EXECUTE format('CREATE POLICY tenant_isolation ON %I '
            'USING ((SELECT anjian_scope_all()) OR tenant_id = ANY ((SELECT anjian_scope_tenants())::text[])) '
            'WITH CHECK ((SELECT anjian_scope_all()) OR tenant_id = ANY ((SELECT anjian_scope_tenants())::text[]))', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO anjian_app', t);
    END LOOP;
END $$;
