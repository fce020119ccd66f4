-- An inspector's list (a county's enterprises of one industry, by name, the
-- id breaking ties) reads its page from this index in order. SQLite kept
-- the (tenant, industry, name) index that PostgreSQL's migration 0009
-- dropped; it gains the id, as on PostgreSQL.
DROP INDEX enterprises_tenant_industry_name;
CREATE INDEX enterprises_tenant_industry_name ON enterprises (tenant_id, industry, name, id);
