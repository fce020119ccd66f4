-- Risk-flag lists (a size band's enterprises carrying dust explosion risk,
-- say) counted and paged from the partial index of flagged rows alone. The
-- index of migration 0003 found a size band's flagged rows, but the count
-- then read each row from the table to test the flag: 4,820 table pages and
-- 28 ms at 500,000 enterprises for a count of 3,180. Carrying the flags and
-- the tenant (which row-level security checks) makes the count an
-- index-only scan (4 ms), and the tenant and id after the name give the
-- page its order (name, tenant, id) straight from the index.
DROP INDEX enterprises_flagged;
CREATE INDEX enterprises_flagged ON enterprises (size_band, name, tenant_id, id)
    INCLUDE (risk_flags) WHERE risk_flags <> '';
