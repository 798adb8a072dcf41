-- What a contract or a stage change makes the dashboard recompute (issue 14): the sections that count signings read
-- a period's contracts and, per contract, its project's other contracts, its project's exclusions, and per signed
-- project its funds, starts and milestones reached. Each of those reads becomes an index-only lookup, so a section
-- costs what its period holds (the period's contracts) without a heap visit per contract or per project.
-- The columns read are key columns, not INCLUDE columns, so schema.prisma can declare every index (the drift test).

-- The period's contracts with everything the counting rule and the sums read (firstContractsSql).
CREATE INDEX "contract_signed_on_cover_idx"
  ON "contract" ("signed_on", "project_id", "id", "kind", "contracted_investment_cny", "contracted_foreign_usd");

-- A contract's project's earlier contracts and their kinds (signingFactsSql: the first of its kind, the first kind,
-- an earlier upgrade). Replaces (project_id, signed_on, id), of which it is a superset.
DROP INDEX IF EXISTS "contract_project_id_signed_on_id_idx";
CREATE INDEX "contract_project_id_signed_on_id_kind_idx" ON "contract" ("project_id", "signed_on", "id", "kind");

-- The project's exclusions beside the dashboard's filter columns: the counting rule's project lookup (kp) and the
-- filtered join (p) both answered from the index. Same columns as project_dashboard_cover_idx plus the manual
-- exclusion, so a project update maintains no more indexes than before.
DROP INDEX IF EXISTS "project_dashboard_cover_idx";
CREATE INDEX "project_dashboard_cover_idx" ON "project" ("id", "unit_id", "owner_id", "sector_id", "chain_id", "company_id", "first_contact_on", "not_recognised_reason_id");

-- Funds in place of a project per currency before a cutoff (fundsBeforeSql, the delivery cohort).
CREATE INDEX "funds_in_place_project_id_currency_received_on_amount_idx" ON "funds_in_place" ("project_id", "currency", "received_on", "amount");

-- A project's first construction start (firstStartsSql's NOT EXISTS, milestoneReachedOnSql's MIN).
CREATE INDEX "construction_start_project_id_started_on_id_idx" ON "construction_start" ("project_id", "started_on", "id");

-- A project's first actual of a kind (milestoneReachedOnSql) and its latest value before a cutoff (figureReachedSql).
CREATE INDEX "commitment_actual_project_id_kind_reported_on_value_idx" ON "commitment_actual" ("project_id", "kind", "reported_on", "value");
