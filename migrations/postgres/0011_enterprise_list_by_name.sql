-- An inspector's list (a county's enterprises of one industry, by name, the
-- id breaking ties) reads its page from this index in order: the 20 rows of
-- the page, not every enterprise of the industry sorted. Migration 0009
-- dropped the (tenant, industry, name) index as covered; under concurrent
-- lists the sort it leaves costs half the throughput. The (tenant,
-- industry, size band, status) index stays for the statistics' index-only
-- counts.
CREATE INDEX enterprises_tenant_industry_name ON enterprises (tenant_id, industry, name, id);
