-- PostgreSQL adds the search index merge function for bulk loads here;
-- SQLite has no trigram index to merge. (Kept so both backends number alike.)
SELECT 1;
