-- Secondary indexes set aside while a first bulk load (anjian seed) fills
-- their empty table, built once afterwards. A load killed half-way leaves its
-- rows here; the next migration run builds them (platform::deferred).
CREATE TABLE deferred_indexes (
    name TEXT PRIMARY KEY,
    table_name TEXT NOT NULL,
    definition TEXT NOT NULL,
    deferred_at BIGINT NOT NULL
);
