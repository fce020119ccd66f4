-- What PostgreSQL alone needs to write an import's rows, with no client, no
-- parsing and no validation: the rows already imported are copied back into
-- look-alike tables inside one session and rolled back. Run by
-- scripts/bench-enterprise.sh on the database its import filled; each step
-- prints "step|seconds".
\set QUIET on
\pset format unaligned
\pset tuples_only on
SET maintenance_work_mem = '256MB';
CREATE TEMP TABLE src_e AS SELECT * FROM enterprises;
CREATE TEMP TABLE src_h AS SELECT * FROM enterprise_history;

BEGIN;
SELECT clock_timestamp() AS t1, 'start' AS s1 \gset
CREATE TABLE floor_e1 (LIKE enterprises INCLUDING ALL);
INSERT INTO floor_e1 SELECT * FROM src_e;
SELECT clock_timestamp() AS t2, 'register rows, indexes kept row by row' AS s2 \gset
CREATE TABLE floor_h1 (LIKE enterprise_history INCLUDING ALL);
INSERT INTO floor_h1 SELECT * FROM src_h;
SELECT clock_timestamp() AS t3, 'history rows, indexes kept row by row' AS s3 \gset
CREATE TABLE floor_e2 (LIKE enterprises INCLUDING DEFAULTS);
INSERT INTO floor_e2 SELECT * FROM src_e;
SELECT clock_timestamp() AS t4, 'register rows, no index' AS s4 \gset
ALTER TABLE floor_e2 ADD PRIMARY KEY (tenant_id, id);
CREATE UNIQUE INDEX ON floor_e2 (uscc, tenant_id);
SELECT clock_timestamp() AS t5, 'register: unique keys built once' AS s5 \gset
CREATE INDEX ON floor_e2 (id);
CREATE INDEX ON floor_e2 (tenant_id, industry, size_band, status);
CREATE INDEX ON floor_e2 (tenant_id, name);
CREATE INDEX ON floor_e2 (industry, name);
CREATE INDEX ON floor_e2 (size_band, name) WHERE risk_flags <> '';
CREATE INDEX ON floor_e2 (tenant_id, industry, name, id);
SELECT clock_timestamp() AS t6, 'register: list indexes built once' AS s6 \gset
CREATE TABLE floor_h2 (LIKE enterprise_history INCLUDING DEFAULTS);
INSERT INTO floor_h2 SELECT * FROM src_h;
SELECT clock_timestamp() AS t7, 'history rows, no index' AS s7 \gset
ALTER TABLE floor_h2 ADD PRIMARY KEY (tenant_id, id);
SELECT clock_timestamp() AS t7b, 'history: primary key built once' AS s7b \gset
CREATE INDEX ON floor_h2 (tenant_id, enterprise_id, at);
CREATE INDEX ON floor_h2 (at, id);
SELECT clock_timestamp() AS t8, 'history: secondary indexes built once' AS s8 \gset
ROLLBACK;

SELECT :'s2', round(extract(epoch FROM :'t2'::timestamptz - :'t1'::timestamptz)::numeric, 3);
SELECT :'s3', round(extract(epoch FROM :'t3'::timestamptz - :'t2'::timestamptz)::numeric, 3);
SELECT :'s4', round(extract(epoch FROM :'t4'::timestamptz - :'t3'::timestamptz)::numeric, 3);
SELECT :'s5', round(extract(epoch FROM :'t5'::timestamptz - :'t4'::timestamptz)::numeric, 3);
SELECT :'s6', round(extract(epoch FROM :'t6'::timestamptz - :'t5'::timestamptz)::numeric, 3);
SELECT :'s7', round(extract(epoch FROM :'t7'::timestamptz - :'t6'::timestamptz)::numeric, 3);
SELECT :'s7b', round(extract(epoch FROM :'t7b'::timestamptz - :'t7'::timestamptz)::numeric, 3);
SELECT :'s8', round(extract(epoch FROM :'t8'::timestamptz - :'t7b'::timestamptz)::numeric, 3);
