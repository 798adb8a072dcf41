-- A new enum value cannot be used in the transaction that adds it (20261201095724_count_once): the list comes here.
-- The reasons admins start from (Admin → Reference keeps the list).
INSERT INTO "reference_item" ("kind", "code", "name_zh", "name_en", "sort_order", "updated_at") VALUES
  ('NOT_RECOGNISED_REASON', 'real_estate', '房地产项目', 'Real estate', 1, now()),
  ('NOT_RECOGNISED_REASON', 'local_or_fiscal_funds', '纯本地或财政资金', 'Purely local or fiscal funds', 2, now()),
  ('NOT_RECOGNISED_REASON', 'phase_in_earlier_contract', '已含于此前合同的分期', 'A phase already inside an earlier contract', 3, now()),
  ('NOT_RECOGNISED_REASON', 'below_threshold', '低于认定标准', 'Below the threshold', 4, now())
ON CONFLICT ("kind", "code") DO NOTHING;

