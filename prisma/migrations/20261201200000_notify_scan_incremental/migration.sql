-- The reminder scan looks at what changed (issue 17, the scan's cost). Every minute the scan used to run each rule
-- over every project and let ON CONFLICT skip the ~575k reminders already written (46 s at 100k projects). Now it
-- remembers its last completed run (notify_scan_watermark: snapshot, day, settings) and re-checks only what a write
-- touched since (notify_change, kept by the triggers below in the writing transaction) plus, on a new day, what the
-- new day made due (lib/notify/scan.ts). The unique key of `notification` stays the exactly-once guarantee; this is
-- only what the scan reads.

-- CreateTable
CREATE TABLE "notify_change" (
    "id" BIGSERIAL NOT NULL,
    "xid" BIGINT NOT NULL DEFAULT ((pg_current_xact_id())::text)::bigint,
    "project_id" INTEGER,
    "order_id" INTEGER,
    "user_id" INTEGER,

    CONSTRAINT "notify_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notify_scan_watermark" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "snapshot" TEXT NOT NULL,
    "seen_xmin" BIGINT NOT NULL,
    "day" DATE NOT NULL,
    "settings" TEXT NOT NULL,
    "completed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notify_scan_watermark_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "notify_change_xid_idx" ON "notify_change"("xid");

-- What a write touched, by the transaction's id rather than a clock: the scan compares it with its last snapshot
-- (pg_visible_in_snapshot), so a transaction that commits after a scan read its snapshot — a long import, a clock
-- the tests set, an instance whose clock is off — is still seen by the next scan. project.updated_at could not be
-- used: Prisma sets it from the app's clock and raw SQL (refreshRoundStats, the seeds) does not move it.
-- Statement-level, with transition tables, so a bulk write (an import, a seed) logs one row per row touched, once.
--
-- notify_change_log('project_id' | 'order_id' | 'user_id', <the changed table's column naming it>): on INSERT the
-- new rows, on DELETE the old ones, on UPDATE both (a row can move to another project). Every operation counts: a
-- deleted milestone actual makes a milestone unreached again, a deleted preference un-mutes, a deleted step makes
-- an earlier answer the one to review.
CREATE FUNCTION notify_change_log() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target text := TG_ARGV[0];
  source text := TG_ARGV[1];
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE format('INSERT INTO notify_change (%I) SELECT DISTINCT %I FROM new_rows WHERE %I IS NOT NULL', target, source, source);
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE format('INSERT INTO notify_change (%I) SELECT DISTINCT %I FROM old_rows WHERE %I IS NOT NULL', target, source, source);
  ELSE
    EXECUTE format('INSERT INTO notify_change (%I) SELECT %I FROM new_rows WHERE %I IS NOT NULL UNION SELECT %I FROM old_rows WHERE %I IS NOT NULL',
                   target, source, source, source, source);
  END IF;
  RETURN NULL;
END $$;

-- A user's role, unit or being disabled decides what they are sent (recipientSql); a sign-in or a password change
-- does not (a trigger with transition tables cannot name columns, so they are compared here).
CREATE FUNCTION notify_change_app_user_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notify_change (user_id)
  SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
   WHERE (n.role, n.unit_id, n.disabled_at) IS DISTINCT FROM (o.role, o.unit_id, o.disabled_at);
  RETURN NULL;
END $$;

-- A unit becoming (or ceasing to be) the city changes what its managers see (userSeesProjectSql): its users.
CREATE FUNCTION notify_change_unit_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notify_change (user_id)
  SELECT u.id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN app_user u ON u.unit_id = n.id
   WHERE n.kind IS DISTINCT FROM o.kind;
  RETURN NULL;
END $$;

-- A table emptied at once (TRUNCATE, the tests' reset) leaves no rows to log: the next scan checks everything.
CREATE FUNCTION notify_scan_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM notify_scan_watermark;
  RETURN NULL;
END $$;

-- project: every insert and update (a rule reads its stage, follow-up date, last round, first contact, owner, unit).
CREATE TRIGGER notify_change_project_insert AFTER INSERT ON project
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log('project_id', 'id');
CREATE TRIGGER notify_change_project_update AFTER UPDATE ON project
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log('project_id', 'id');

-- The milestone rules' tables: promises, what was reached, construction starts.
CREATE TRIGGER notify_change_commitment_insert AFTER INSERT ON commitment
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log('project_id', 'project_id');
CREATE TRIGGER notify_change_commitment_update AFTER UPDATE ON commitment
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log('project_id', 'project_id');
CREATE TRIGGER notify_change_commitment_delete AFTER DELETE ON commitment
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log('project_id', 'project_id');
CREATE TRIGGER notify_change_commitment_actual_insert AFTER INSERT ON commitment_actual
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log('project_id', 'project_id');
CREATE TRIGGER notify_change_commitment_actual_update AFTER UPDATE ON commitment_actual
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log('project_id', 'project_id');
CREATE TRIGGER notify_change_commitment_actual_delete AFTER DELETE ON commitment_actual
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log('project_id', 'project_id');
CREATE TRIGGER notify_change_construction_start_insert AFTER INSERT ON construction_start
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log('project_id', 'project_id');
CREATE TRIGGER notify_change_construction_start_update AFTER UPDATE ON construction_start
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log('project_id', 'project_id');
CREATE TRIGGER notify_change_construction_start_delete AFTER DELETE ON construction_start
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log('project_id', 'project_id');

-- Supervision orders: the order (status, deadline, assignee, issuer), its set of projects, its steps (answers).
CREATE TRIGGER notify_change_supervision_order_insert AFTER INSERT ON supervision_order
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log('order_id', 'id');
CREATE TRIGGER notify_change_supervision_order_update AFTER UPDATE ON supervision_order
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log('order_id', 'id');
CREATE TRIGGER notify_change_supervision_order_project_insert AFTER INSERT ON supervision_order_project
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log('order_id', 'order_id');
CREATE TRIGGER notify_change_supervision_order_project_update AFTER UPDATE ON supervision_order_project
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log('order_id', 'order_id');
CREATE TRIGGER notify_change_supervision_order_project_delete AFTER DELETE ON supervision_order_project
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log('order_id', 'order_id');
CREATE TRIGGER notify_change_supervision_step_insert AFTER INSERT ON supervision_step
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log('order_id', 'order_id');
CREATE TRIGGER notify_change_supervision_step_update AFTER UPDATE ON supervision_step
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log('order_id', 'order_id');
CREATE TRIGGER notify_change_supervision_step_delete AFTER DELETE ON supervision_step
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log('order_id', 'order_id');

-- The recipients: users (new ones, role, unit, disabled), their muted kinds, their unit's kind.
CREATE TRIGGER notify_change_app_user_insert AFTER INSERT ON app_user
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log('user_id', 'id');
CREATE TRIGGER notify_change_app_user_update AFTER UPDATE ON app_user
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_app_user_update();
CREATE TRIGGER notify_change_notification_preference_insert AFTER INSERT ON notification_preference
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log('user_id', 'user_id');
CREATE TRIGGER notify_change_notification_preference_update AFTER UPDATE ON notification_preference
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log('user_id', 'user_id');
CREATE TRIGGER notify_change_notification_preference_delete AFTER DELETE ON notification_preference
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log('user_id', 'user_id');
CREATE TRIGGER notify_change_unit_update AFTER UPDATE ON unit
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_change_unit_update();

-- Emptied tables: the reminders themselves, or what the rules read.
CREATE TRIGGER notify_scan_forget AFTER TRUNCATE ON notification FOR EACH STATEMENT EXECUTE FUNCTION notify_scan_forget();
CREATE TRIGGER notify_scan_forget AFTER TRUNCATE ON project FOR EACH STATEMENT EXECUTE FUNCTION notify_scan_forget();
CREATE TRIGGER notify_scan_forget AFTER TRUNCATE ON commitment FOR EACH STATEMENT EXECUTE FUNCTION notify_scan_forget();
CREATE TRIGGER notify_scan_forget AFTER TRUNCATE ON commitment_actual FOR EACH STATEMENT EXECUTE FUNCTION notify_scan_forget();
CREATE TRIGGER notify_scan_forget AFTER TRUNCATE ON construction_start FOR EACH STATEMENT EXECUTE FUNCTION notify_scan_forget();
CREATE TRIGGER notify_scan_forget AFTER TRUNCATE ON supervision_order FOR EACH STATEMENT EXECUTE FUNCTION notify_scan_forget();
CREATE TRIGGER notify_scan_forget AFTER TRUNCATE ON supervision_order_project FOR EACH STATEMENT EXECUTE FUNCTION notify_scan_forget();
CREATE TRIGGER notify_scan_forget AFTER TRUNCATE ON supervision_step FOR EACH STATEMENT EXECUTE FUNCTION notify_scan_forget();
CREATE TRIGGER notify_scan_forget AFTER TRUNCATE ON app_user FOR EACH STATEMENT EXECUTE FUNCTION notify_scan_forget();
CREATE TRIGGER notify_scan_forget AFTER TRUNCATE ON notification_preference FOR EACH STATEMENT EXECUTE FUNCTION notify_scan_forget();
CREATE TRIGGER notify_scan_forget AFTER TRUNCATE ON unit FOR EACH STATEMENT EXECUTE FUNCTION notify_scan_forget();
