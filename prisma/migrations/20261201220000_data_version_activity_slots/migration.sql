-- data_version's activity number without a queue (issue 14).
--
-- Every transaction that logs a round moved the one activity row (id 2) at its commit, so ten officers logging at
-- once committed one after another: each held that row's lock through its commit (the WAL flush included) while
-- the next waited. Activity is now the SUM of eight rows (ids 2..9); a transaction moves one of them, chosen by its
-- transaction id, so two committing transactions share a row one time in eight.
--
-- Why the sum is as good a version as the one row was (lib/data/versioned-cache.ts): each moving commit adds 1 to
-- one row, so the sum grows by exactly 1 per committed transaction that moved activity; a reader reads the sum in
-- one statement (one snapshot), and the commits a snapshot sees only ever grow from one snapshot to the next, so
-- two reads see the same sum exactly when they see the same such commits. A value computed after reading the sum
-- is as new as that sum or newer, never older: "a dashboard never shows a number older than the last commit" holds
-- as before. Records (id 1) stay one row (rarer writes: edits, stage moves, imports).
--
-- Lock order is unchanged: a transaction that moved records does not move activity, and one that moved activity
-- may then move records: activity rows before the records row, never the other way round.

ALTER TABLE "data_version" DROP CONSTRAINT "data_version_topics";
ALTER TABLE "data_version" ADD CONSTRAINT "data_version_topics" CHECK ("id" BETWEEN 1 AND 9);
INSERT INTO "data_version" ("id", "version") SELECT g, 0 FROM generate_series(3, 9) g;

CREATE OR REPLACE FUNCTION data_version_move(activity boolean) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  records_moved boolean := current_setting('crm.data_version_bumped', true) IS NOT DISTINCT FROM 'on';
BEGIN
  IF records_moved THEN
    RETURN;
  ELSIF NOT activity THEN
    PERFORM set_config('crm.data_version_bumped', 'on', true);
    UPDATE data_version SET version = version + 1 WHERE id = 1;
  ELSIF current_setting('crm.data_version_activity_bumped', true) IS DISTINCT FROM 'on' THEN
    PERFORM set_config('crm.data_version_activity_bumped', 'on', true);
    -- One of the eight activity rows (2..9): concurrent commits rarely share one.
    UPDATE data_version SET version = version + 1 WHERE id = 2 + (txid_current() % 8)::int;
  END IF;
END $$;
