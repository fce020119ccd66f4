-- Risk-flag lists counted and paged from the partial index of flagged rows
-- alone, as on PostgreSQL: the tenant and id after the name give the page its
-- order (name, tenant, id), and the flags ride in the index (SQLite has no
-- INCLUDE, so they are a trailing key column).
DROP INDEX enterprises_flagged;
CREATE INDEX enterprises_flagged ON enterprises (size_band, name, tenant_id, id, risk_flags)
    WHERE risk_flags <> '';
