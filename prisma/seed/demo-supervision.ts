/**
 * The demo's supervision orders (督办): the Qingshan county manager has
 * chased two of the county's signed projects — one order past its answer
 * deadline and unanswered (red), one still within it. Dates are relative to
 * the day the demo is seeded, so the story reads the same whenever it runs.
 */
import type { Prisma } from "@/lib/generated/prisma/client";

export async function seedDemoSupervision(tx: Prisma.TransactionClient) {
  await tx.$executeRaw`
    WITH mgr AS (SELECT u.id, u.unit_id FROM app_user u WHERE u.email = 'manager2@demo.local'),
    picked AS (
      SELECT p.id, p.unit_id, p.owner_id, row_number() OVER (ORDER BY p.id) AS n
        FROM project p JOIN mgr ON p.unit_id = mgr.unit_id
       WHERE p.stage IN ('SIGNED', 'CONSTRUCTION')
       ORDER BY p.id LIMIT 2),
    due AS (SELECT picked.*, CASE picked.n WHEN 1 THEN current_date - 5 ELSE current_date + 10 END AS on_day FROM picked),
    orders AS (
      INSERT INTO supervision_order (unit_id, requirement, answer_due_on, assignee_id, issued_by_id, status, created_at, updated_at)
      SELECT due.unit_id,
             CASE due.n WHEN 1 THEN '签约已逾期未开工：请说明原因并报送整改计划，明确开工时间。'
                        ELSE '资金到位进度滞后：请报送资金到位计划及推进措施。' END,
             due.on_day, due.owner_id, mgr.id, 'OPEN',
             now() - (CASE due.n WHEN 1 THEN 20 ELSE 3 END) * interval '1 day', now()
        FROM due, mgr
      RETURNING id, answer_due_on)
    -- Each order's set: its one project (the two deadlines tell them apart).
    INSERT INTO supervision_order_project (order_id, project_id)
    SELECT orders.id, due.id FROM orders JOIN due ON due.on_day = orders.answer_due_on`;
}
