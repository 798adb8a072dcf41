-- What changed, not only that something did (issue 14): after a project edit the dashboard recomputes only the
-- sections that read what the edit changed (a title edit does not count the funnel's stage changes again).
--
-- data_source_version holds, per source — a table ('contract', 'stage_change', …), a column of project
-- ('project.stage', 'project.title', …), 'project' for projects added or deleted — the records version
-- (data_version id 1) of the last committed transaction that changed it. Each dashboard section declares the sources
-- it reads (lib/data/dashboard/sections.ts) and is cached on their stamps (lib/data/dashboard/cache.ts): served
-- again while none of them moved. The stamps are written by the same deferred triggers that move data_version, in
-- the same transaction, so they commit with it.
--
-- Locks: a transaction stamps only once it holds data_version's row 1 (it moved records, or moves them now), so
-- writers of the stamps are serialised on that row and take the stamp rows in any order without deadlocking.
-- What moves activity alone (a logged round) stamps nothing: what reads rounds and follow-ups is keyed on the
-- activity number too. A transaction that moved records and then logs a round does not move activity (migration
-- 20261201072000): it stamps what the round changed instead ('negotiation_round', the project's activity columns).

CREATE TABLE "data_source_version" (
    "source" TEXT NOT NULL,
    "version" BIGINT NOT NULL,

    CONSTRAINT "data_source_version_pkey" PRIMARY KEY ("source")
);

-- `sources` changed in this transaction, which has moved records: stamp them with its records version.
CREATE FUNCTION data_version_stamp(sources text[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO data_source_version AS d (source, version)
  SELECT s, (SELECT v.version FROM data_version v WHERE v.id = 1) FROM unnest(sources) AS s
  ON CONFLICT (source) DO UPDATE SET version = EXCLUDED.version WHERE d.version IS DISTINCT FROM EXCLUDED.version;
$$;

-- Moves records (id 1) or activity (one of ids 2..9) once per transaction, as before, and stamps `sources` whenever records
-- moved in this transaction (now or earlier).
CREATE FUNCTION data_version_move(activity boolean, sources text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  records_moved boolean := current_setting('crm.data_version_bumped', true) IS NOT DISTINCT FROM 'on';
BEGIN
  IF NOT activity AND NOT records_moved THEN
    PERFORM set_config('crm.data_version_bumped', 'on', true);
    UPDATE data_version SET version = version + 1 WHERE id = 1;
    records_moved := true;
  ELSIF activity AND NOT records_moved THEN
    IF current_setting('crm.data_version_activity_bumped', true) IS DISTINCT FROM 'on' THEN
      PERFORM set_config('crm.data_version_activity_bumped', 'on', true);
      -- One of the eight activity rows (migration 20261201220000): concurrent commits rarely share one.
      UPDATE data_version SET version = version + 1 WHERE id = 2 + (txid_current() % 8)::int;
    END IF;
    RETURN;
  END IF;
  IF sources IS NOT NULL AND cardinality(sources) > 0 THEN
    PERFORM data_version_stamp(sources);
  END IF;
END $$;

-- A caller that names no source (a trigger written before this migration, or one added later without a source)
-- stamps '*', which every section reads.
CREATE OR REPLACE FUNCTION data_version_move(activity boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM data_version_move(activity, ARRAY['*']);
END $$;

-- Every table's trigger: its table is the source.
CREATE OR REPLACE FUNCTION data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM data_version_move(TG_NARGS > 0 AND TG_ARGV[0] = 'activity', ARRAY[TG_TABLE_NAME::text]);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION data_version_round_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_OP <> 'DELETE' AND round_counts_to_signing(NEW.project_id, NEW.held_on) IS TRUE)
     OR (TG_OP <> 'INSERT' AND round_counts_to_signing(OLD.project_id, OLD.held_on) IS TRUE) THEN
    PERFORM data_version_move(false, ARRAY['negotiation_round']);
  ELSE
    PERFORM data_version_move(true, ARRAY['negotiation_round']);
  END IF;
  RETURN NULL;
END $$;

-- A project added or deleted: 'project'. An update: each column it changed, as 'project.<column>' (the activity
-- columns included: when the update also moves records, activity does not move). updated_at and version are read
-- by no dashboard number.
CREATE OR REPLACE FUNCTION data_version_project_bump() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  quiet CONSTANT text[] := ARRAY['last_round_on', 'round_count', 'next_follow_up_on', 'updated_at', 'version'];
  changed text[];
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    PERFORM data_version_move(false, ARRAY['project']);
    RETURN NULL;
  END IF;
  SELECT array_agg('project.' || n.key) INTO changed
    FROM jsonb_each(to_jsonb(NEW)) n JOIN jsonb_each(to_jsonb(OLD)) o ON o.key = n.key
   WHERE n.value IS DISTINCT FROM o.value AND n.key NOT IN ('updated_at', 'version');
  IF changed IS NULL THEN
    RETURN NULL;
  ELSIF (to_jsonb(OLD) - quiet) IS DISTINCT FROM (to_jsonb(NEW) - quiet) THEN
    PERFORM data_version_move(false, changed);
  ELSE
    PERFORM data_version_move(true, changed);
  END IF;
  RETURN NULL;
END $$;
