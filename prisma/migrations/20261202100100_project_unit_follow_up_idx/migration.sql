-- My work's follow-up lists for one unit read along that unit's own follow-ups (issue 14).
--
-- The overdue and upcoming lists (lib/data/my-work.ts) of a county walked every unit's follow-ups by date
-- (project_next_follow_up_on_idx, reading each project to learn its unit), and the upcoming list's count took a
-- bitmap of the whole 14-day window across all units before its cap of 1,000 (WORK_COUNT_CAP): linear in the data.
-- Along (unit_id, next_follow_up_on, id) a list is a range of its unit, in the list's order (by follow-up, then id),
-- and with stage the in-play test needs nothing of the row: the page reads its 50 and the count at most 1,001 entries.
-- Every write of a project that is not a HOT update (a logged round sets updated_at, in other indexes) adds an entry
-- here too: measured in bench/targeted.md ("My work's unit view for a county manager at 300k").
CREATE INDEX "project_unit_id_next_follow_up_on_id_stage_idx" ON "project" ("unit_id", "next_follow_up_on", "id", "stage");
