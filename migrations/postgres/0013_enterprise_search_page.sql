-- A search's first page from the search table itself. A two-character
-- term common in a county (机械: 4,960 of 100,000 enterprises) made the list
-- look up every hit in the register to sort them by name, and count them a
-- second time. The search rows now carry the list's sort key (the name),
-- and one owner's function returns a page of a search in the list's order
-- with the number of all hits, under the same tenant scope as the
-- register's policy. The list uses it for a search with no other filter,
-- ordered by name; anything else goes through anjian_enterprise_search.

ALTER TABLE enterprise_search ADD COLUMN name TEXT NOT NULL DEFAULT '';
UPDATE enterprise_search s SET name = e.name
    FROM enterprises e WHERE e.tenant_id = s.tenant_id AND e.id = s.enterprise_id;

CREATE FUNCTION anjian_enterprise_search_page(terms text[], pattern text, descending boolean,
                                              lim integer, skip integer)
    RETURNS TABLE (enterprise_id text, total bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$
DECLARE
    dir text := CASE WHEN descending THEN 'DESC' ELSE 'ASC' END;
BEGIN
    IF anjian_scope_all() THEN
        RETURN QUERY EXECUTE format(
            'SELECT enterprise_id, count(*) OVER () FROM enterprise_search '
            'WHERE terms @> $1 AND document LIKE $2 '
            'ORDER BY name %s, tenant_id, enterprise_id LIMIT $3 OFFSET $4', dir)
            USING terms, pattern, lim, skip;
    ELSE
        RETURN QUERY EXECUTE format(
            'SELECT enterprise_id, count(*) OVER () FROM enterprise_search '
            'WHERE tenant_id = ANY ($5) AND terms @> $1 AND document LIKE $2 '
            'ORDER BY name %s, tenant_id, enterprise_id LIMIT $3 OFFSET $4', dir)
            USING terms, pattern, lim, skip, anjian_scope_tenants();
    END IF;
END $$;
