-- Anjian's PostgreSQL roles: one model for the README, `anjian migrate`,
-- .ci/run, the tests (testkit) and the bench scripts.
--
--   anjian_owner   LOGIN. Owns the schema; runs the migrations.
--   anjian_app     NOLOGIN group role. Holds what the server may do: the
--                  migrations grant to it, and `anjian migrate` creates it
--                  when it is missing.
--   anjian_server  LOGIN, a member of anjian_app; not a superuser, no
--                  BYPASSRLS. What the server connects as.
--
-- Idempotent, and safe before or after `anjian migrate` and beside other
-- sessions running it: psql -v ON_ERROR_STOP=1 -f scripts/pg-roles.sql
-- (production: the same shape, with passwords).
DO $$
BEGIN
    BEGIN
        CREATE ROLE anjian_owner LOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
    BEGIN
        CREATE ROLE anjian_app NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
    BEGIN
        CREATE ROLE anjian_server LOGIN NOSUPERUSER NOBYPASSRLS;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
    IF NOT pg_has_role('anjian_server', 'anjian_app', 'MEMBER') THEN
        BEGIN
            GRANT anjian_app TO anjian_server;
        EXCEPTION WHEN unique_violation OR internal_error THEN NULL;
        END;
    END IF;
END $$;
