-- JIT compilation off for this database (new sessions: the app's, the report's, the bench's).
--
-- PostgreSQL compiles a statement with LLVM when its estimated cost passes jit_above_cost (100,000). The dashboard's
-- statements (delivery rates, the reconciliation, the colour filter) are estimated that high at 10k–100k projects
-- because of their per-row subqueries, but run in tens to hundreds of milliseconds; the compiling took longer than
-- the statement: 4.3 s of 5.1 s for the delivery rates at 100k, 3.4 s of 4.0 s for the colour filter at 10k
-- (bench/targeted.md, "Count once, targets, delivery and colour at 100k"). Nothing this app runs is long enough to
-- win it back.
--
-- ALTER DATABASE needs the database's owner (or a superuser); a deployment whose migrating role is neither keeps
-- JIT on and is told so, rather than failing the migration (`ALTER ROLE … SET jit = off` does the same per role).
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
EXCEPTION WHEN insufficient_privilege THEN
  RAISE WARNING 'JIT stays on for database %: the migrating role may not ALTER DATABASE (see migration 20261201160000_jit_off)', current_database();
END
$$;
