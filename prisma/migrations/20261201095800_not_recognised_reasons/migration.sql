-- The reasons admins start from for 不予认定 (Admin → Reference keeps the list). A new enum value cannot be used in
-- the transaction that adds it (20261201095724_count_once), hence a migration of its own.
-- Only on a database that already holds data: a fresh one gets the list from the demo seed
-- (prisma/seed/demo-data.ts, which gives its own ids) or from an admin.
INSERT INTO reference_item (kind, code, name_zh, name_en, sort_order, updated_at)
SELECT 'NOT_RECOGNISED_REASON', v.code, v.name_zh, v.name_en, v.sort_order, CURRENT_TIMESTAMP
  FROM (VALUES
    ('real_estate', '房地产项目', 'Real estate', 1),
    ('local_or_fiscal_funds', '纯本地或财政资金', 'Purely local or fiscal funds', 2),
    ('phase_in_earlier_contract', '已含于此前合同的分期', 'A phase already inside an earlier contract', 3),
    ('below_threshold', '低于认定标准', 'Below the threshold', 4)
  ) AS v(code, name_zh, name_en, sort_order)
 WHERE EXISTS (SELECT 1 FROM unit)
ON CONFLICT (kind, code) DO NOTHING;
