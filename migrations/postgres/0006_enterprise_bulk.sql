-- Bulk loads defer the search index's work: an import lets new entries
-- collect in the trigram index's pending list (it raises
-- gin_pending_list_limit for its own transaction) and queues one merge of the
-- list after it commits. Searches see pending entries meanwhile. Merging needs
-- the index's owner, so the app role calls it through this function.
CREATE FUNCTION anjian_merge_enterprise_search() RETURNS bigint
    LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ SELECT gin_clean_pending_list('enterprises_search'::regclass) $$;
