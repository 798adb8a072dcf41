/**
 * The project import: a file → every issue, or one transaction that upserts
 * the projects by external id with their companies, stage history, contracts,
 * construction starts and audit rows. Set-based SQL (INSERT … SELECT FROM
 * unnest(…)), so 10,000 rows are a handful of statements.
 *
 * No `server-only`, `next/*` or next-intl here: the route, the page (through
 * the route) and `npm run import` share it; messages are translated at those
 * edges (lib/import/messages.ts).
 */
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ReferenceKind, Stage } from "@/lib/generated/prisma/enums";
import { ImportRejected, type ImportIssue, type ImportOutcome } from "@/lib/import/errors";
import { parseImportFile, type ParsedFile } from "@/lib/import/parse";
import { validateRows, type ExistingProject, type GoodRow, type Lookups, type Named } from "@/lib/import/validate";
import type { ColumnKey } from "@/lib/import/columns";
import { isUniqueViolation } from "@/lib/errors";
import { todayYmd } from "@/lib/validation/fields";

type Tx = Prisma.TransactionClient;

export type ImportActor = { id: number; role: string };

/** A calendar date at a time of day in the bureau's time zone. */
const at = (ymd: string, hh: string) => `${ymd}T${hh}:00:00+08:00`;

async function loadLookups(tx: Tx, file: ParsedFile): Promise<Lookups> {
  const externalIds = [...new Set(file.rows.map((r) => r.cells.external_id?.trim()).filter((v): v is string => !!v))];
  const anchorIds = [...new Set(file.rows.map((r) => r.cells.anchor_external_id?.trim()).filter((v): v is string => !!v))];
  const emails = [...new Set(file.rows.map((r) => r.cells.owner_email?.trim().toLowerCase()).filter((v): v is string => !!v))];

  const [units, refs, events, owners, existing, anchors] = await Promise.all([
    tx.unit.findMany({ select: { id: true, code: true, nameZh: true, nameEn: true, retiredAt: true } }),
    tx.referenceItem.findMany({ select: { id: true, kind: true, code: true, nameZh: true, nameEn: true, retiredAt: true } }),
    tx.promotionEvent.findMany({ select: { id: true, nameZh: true, nameEn: true } }),
    tx.$queryRaw<{ id: number; email: string; unit_id: number; disabled: boolean }[]>`
      SELECT id, lower(email) AS email, unit_id, disabled_at IS NOT NULL AS disabled FROM app_user WHERE lower(email) = ANY(${emails}::text[])`,
    // Locked: a concurrent import or edit of the same projects waits for this one.
    tx.$queryRaw<
      {
        id: number;
        external_id: string;
        version: number;
        stage: Stage;
        title: string;
        company_id: number;
        sector_id: number | null;
        chain_id: number | null;
        unit_id: number;
        planned_investment_cny: string | null;
        foreign_investment_usd: string | null;
        source_id: number | null;
        event_id: number | null;
        anchor_project_id: number | null;
        owner_id: number;
        first_contact_on: string;
      }[]
    >`
      SELECT id, external_id, version, stage::text AS stage, title, company_id, sector_id, chain_id, unit_id,
             planned_investment_cny::text AS planned_investment_cny, foreign_investment_usd::text AS foreign_investment_usd,
             source_id, event_id, anchor_project_id, owner_id, to_char(first_contact_on, 'YYYY-MM-DD') AS first_contact_on
        FROM project WHERE external_id = ANY(${externalIds}::text[]) ORDER BY id FOR UPDATE`,
    tx.$queryRaw<{ external_id: string }[]>`SELECT external_id FROM project WHERE external_id = ANY(${anchorIds}::text[])`,
  ]);

  const named = (r: { id: number; code?: string; nameZh: string; nameEn: string | null; retiredAt?: Date | null }): Named => ({
    id: r.id,
    code: r.code,
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    retired: !!r.retiredAt,
  });
  const byKind: Record<ReferenceKind, Named[]> = { SECTOR: [], INDUSTRY_CHAIN: [], SOURCE: [], AGREEMENT_KIND: [] };
  for (const r of refs) byKind[r.kind].push(named(r));

  return {
    units: units.map(named),
    refs: byKind,
    events: events.map(named),
    owners: new Map(owners.map((o) => [o.email, { id: o.id, unitId: o.unit_id, disabled: o.disabled }])),
    existing: new Map(
      existing.map((p): [string, ExistingProject] => [
        p.external_id,
        {
          id: p.id,
          externalId: p.external_id,
          version: p.version,
          stage: p.stage,
          title: p.title,
          companyId: p.company_id,
          sectorId: p.sector_id,
          chainId: p.chain_id,
          unitId: p.unit_id,
          plannedInvestmentCny: p.planned_investment_cny,
          foreignInvestmentUsd: p.foreign_investment_usd,
          sourceId: p.source_id,
          eventId: p.event_id,
          anchorProjectId: p.anchor_project_id,
          ownerId: p.owner_id,
          firstContactOn: p.first_contact_on,
        },
      ]),
    ),
    anchorsInDb: new Set(anchors.map((a) => a.external_id)),
    today: todayYmd(),
  };
}

function ownershipFor(country: string) {
  if (country === "CN") return "PRIVATE";
  if (country === "HK" || country === "MO" || country === "TW") return "HMT";
  return "FOREIGN";
}

/** When the row's stage was entered: the date the file gives for it, else now. */
function stageTime(row: GoodRow, now: Date): string {
  if (row.stage === "SIGNED" && row.signedOn) return at(row.signedOn, "10");
  if ((row.stage === "CONSTRUCTION" || row.stage === "OPERATING") && row.startOn) return at(row.startOn, "10");
  if (row.stage === "FIRST_CONTACT") return at(row.firstContactOn, "09");
  return now.toISOString();
}

/** What the audit log keeps of an imported project. */
type Snapshot = Record<string, string | number | null>;

/** Writes the validated rows. Returns created and updated counts. */
async function writeRows(tx: Tx, actor: ImportActor, rows: GoodRow[], lookups: Lookups, present: Set<ColumnKey>) {
  const now = new Date();

  // 1. Companies by exact Chinese name; the missing ones created.
  const names = [...new Set(rows.map((r) => r.investorName))];
  const found = await tx.$queryRaw<{ id: number; name_zh: string }[]>`
    SELECT DISTINCT ON (name_zh) id, name_zh FROM company WHERE name_zh = ANY(${names}::text[]) ORDER BY name_zh, id`;
  const companyIds = new Map(found.map((c) => [c.name_zh, c.id]));
  const toCreate = names.filter((n) => !companyIds.has(n));
  if (toCreate.length > 0) {
    const countryOf = new Map<string, string>();
    for (const r of rows) if (!countryOf.has(r.investorName)) countryOf.set(r.investorName, r.countryCode);
    const countries = toCreate.map((n) => countryOf.get(n)!);
    const created = await tx.$queryRaw<{ id: number; name_zh: string; country_code: string; ownership_type: string }[]>`
      INSERT INTO company (name_zh, country_code, ownership_type, updated_at)
      SELECT n, c, o::"OwnershipType", ${now} FROM unnest(${toCreate}::text[], ${countries}::text[], ${countries.map(ownershipFor)}::text[]) AS u(n, c, o)
      RETURNING id, name_zh, country_code, ownership_type::text AS ownership_type`;
    for (const c of created) companyIds.set(c.name_zh, c.id);
    await tx.$executeRaw`
      INSERT INTO audit_log (actor_id, action, entity, entity_id, after)
      SELECT ${actor.id}, 'company.import_create', 'company', id::text, after::jsonb
        FROM unnest(${created.map((c) => c.id)}::int[], ${created.map((c) => JSON.stringify({ nameZh: c.name_zh, countryCode: c.country_code, ownershipType: c.ownership_type }))}::text[]) AS u(id, after)`;
  }

  // 2. The values each project ends up with. On an update a column absent
  //    from the file keeps what the project has; an empty cell clears it.
  const keep = <T>(col: ColumnKey, value: T, old: T | undefined): T => (old !== undefined && !present.has(col) ? old : value);
  const fresh = rows.filter((r) => !lookups.existing.has(r.externalId));
  const updates = rows.filter((r) => lookups.existing.has(r.externalId));
  const values = (r: GoodRow) => {
    const old = lookups.existing.get(r.externalId);
    return {
      externalId: r.externalId,
      title: r.title,
      companyId: companyIds.get(r.investorName)!,
      sectorId: keep("sector", r.sectorId, old?.sectorId),
      chainId: keep("industry_chain", r.chainId, old?.chainId),
      unitId: r.unitId,
      plannedInvestmentCny: keep("planned_investment_cny", r.plannedInvestmentCny, old?.plannedInvestmentCny),
      foreignInvestmentUsd: keep("foreign_investment_usd", r.foreignInvestmentUsd, old?.foreignInvestmentUsd),
      sourceId: keep("source", r.sourceId, old?.sourceId),
      eventId: keep("event_name", r.eventId, old?.eventId),
      ownerId: r.ownerId,
      stage: r.stage,
      firstContactOn: r.firstContactOn,
      anchorExternalId: r.anchorExternalId,
    };
  };
  const cols = (list: GoodRow[]) => {
    const v = list.map(values);
    return {
      ext: v.map((x) => x.externalId),
      title: v.map((x) => x.title),
      company: v.map((x) => x.companyId),
      sector: v.map((x) => x.sectorId),
      chain: v.map((x) => x.chainId),
      unit: v.map((x) => x.unitId),
      planned: v.map((x) => x.plannedInvestmentCny),
      foreign: v.map((x) => x.foreignInvestmentUsd),
      source: v.map((x) => x.sourceId),
      event: v.map((x) => x.eventId),
      owner: v.map((x) => x.ownerId),
      stage: v.map((x) => x.stage),
      entered: list.map((r) => stageTime(r, now)),
      reason: list.map((r) => (r.stage === "ON_HOLD" || r.stage === "LOST" ? "import" : null)),
      first: v.map((x) => x.firstContactOn),
      snapshots: v,
    };
  };

  const projectIds = new Map<string, number>();
  const stageChanges: { projectId: number; from: Stage | null; to: Stage; reason: string | null; at: string }[] = [];
  const audits: { entity: string; id: number; action: string; before: string | null; after: string }[] = [];

  // 3. New projects.
  if (fresh.length > 0) {
    const c = cols(fresh);
    const inserted = await tx.$queryRaw<{ id: number; external_id: string; version: number }[]>`
      INSERT INTO project (external_id, title, company_id, sector_id, chain_id, unit_id, planned_investment_cny, foreign_investment_usd,
                           source_id, event_id, owner_id, stage, stage_entered_at, stage_reason, first_contact_on, updated_at)
      SELECT ext, title, company, sector, chain, unit, planned::numeric, foreign_usd::numeric, source, event, owner,
             stage::"Stage", entered::timestamptz, reason, first::date, ${now}
        FROM unnest(${c.ext}::text[], ${c.title}::text[], ${c.company}::int[], ${c.sector}::int[], ${c.chain}::int[], ${c.unit}::int[],
                    ${c.planned}::text[], ${c.foreign}::text[], ${c.source}::int[], ${c.event}::int[], ${c.owner}::int[],
                    ${c.stage}::text[], ${c.entered}::text[], ${c.reason}::text[], ${c.first}::text[])
          AS u(ext, title, company, sector, chain, unit, planned, foreign_usd, source, event, owner, stage, entered, reason, first)
      RETURNING id, external_id, version`;
    for (const p of inserted) projectIds.set(p.external_id, p.id);
    fresh.forEach((r, i) => {
      const id = projectIds.get(r.externalId)!;
      stageChanges.push({ projectId: id, from: null, to: "FIRST_CONTACT", reason: null, at: at(r.firstContactOn, "09") });
      if (r.stage !== "FIRST_CONTACT") stageChanges.push({ projectId: id, from: "FIRST_CONTACT", to: r.stage, reason: "import", at: c.entered[i] });
      audits.push({ entity: "project", id, action: "project.import_create", before: null, after: JSON.stringify({ ...c.snapshots[i], version: 1, row: r.row }) });
    });
  }

  // 4. Existing projects: updated in place, version bumped.
  if (updates.length > 0) {
    const c = cols(updates);
    const stageMoved = updates.map((r) => lookups.existing.get(r.externalId)!.stage !== r.stage);
    await tx.$executeRaw`
      UPDATE project p SET
        title = u.title, company_id = u.company, sector_id = u.sector, chain_id = u.chain, unit_id = u.unit,
        planned_investment_cny = u.planned::numeric, foreign_investment_usd = u.foreign_usd::numeric,
        source_id = u.source, event_id = u.event, owner_id = u.owner, first_contact_on = u.first::date,
        stage = u.stage::"Stage",
        stage_entered_at = CASE WHEN u.moved THEN u.entered::timestamptz ELSE p.stage_entered_at END,
        stage_reason = CASE WHEN u.moved THEN u.reason ELSE p.stage_reason END,
        version = p.version + 1, updated_at = ${now}
      FROM unnest(${c.ext}::text[], ${c.title}::text[], ${c.company}::int[], ${c.sector}::int[], ${c.chain}::int[], ${c.unit}::int[],
                  ${c.planned}::text[], ${c.foreign}::text[], ${c.source}::int[], ${c.event}::int[], ${c.owner}::int[],
                  ${c.stage}::text[], ${c.entered}::text[], ${c.reason}::text[], ${c.first}::text[], ${stageMoved}::boolean[])
        AS u(ext, title, company, sector, chain, unit, planned, foreign_usd, source, event, owner, stage, entered, reason, first, moved)
      WHERE p.external_id = u.ext`;
    updates.forEach((r, i) => {
      const old = lookups.existing.get(r.externalId)!;
      projectIds.set(r.externalId, old.id);
      if (stageMoved[i]) stageChanges.push({ projectId: old.id, from: old.stage, to: r.stage, reason: "import", at: c.entered[i] });
      const { id: _id, externalId: _e, ...before } = old;
      audits.push({
        entity: "project",
        id: old.id,
        action: "project.import_update",
        before: JSON.stringify(before satisfies Snapshot),
        after: JSON.stringify({ ...c.snapshots[i], version: old.version + 1, row: r.row }),
      });
    });
  }

  // 5. Chain links, once every project of the file exists. A missing column keeps the link.
  const linked = rows.filter((r) => present.has("anchor_external_id") || !lookups.existing.has(r.externalId));
  if (linked.length > 0) {
    await tx.$executeRaw`
      UPDATE project p SET anchor_project_id = a.id
        FROM unnest(${linked.map((r) => r.externalId)}::text[], ${linked.map((r) => r.anchorExternalId)}::text[]) AS u(ext, anchor)
        LEFT JOIN project a ON a.external_id = u.anchor
       WHERE p.external_id = u.ext AND p.anchor_project_id IS DISTINCT FROM a.id`;
    // A link must not close a loop (A → B → … → A).
    const ids = linked.filter((r) => r.anchorExternalId).map((r) => projectIds.get(r.externalId)!);
    if (ids.length > 0) {
      const loops = await tx.$queryRaw<{ external_id: string }[]>`
        WITH RECURSIVE up(start_id, id, depth) AS (
          SELECT p.id, p.anchor_project_id, 1 FROM project p WHERE p.id = ANY(${ids}::int[]) AND p.anchor_project_id IS NOT NULL
          UNION ALL
          SELECT up.start_id, p.anchor_project_id, up.depth + 1 FROM up JOIN project p ON p.id = up.id
           WHERE p.anchor_project_id IS NOT NULL AND up.depth < 1000 AND up.id <> up.start_id
        )
        SELECT DISTINCT p.external_id FROM up JOIN project p ON p.id = up.start_id WHERE up.id = up.start_id`;
      if (loops.length > 0) {
        const bad = new Set(loops.map((l) => l.external_id));
        throw new ImportRejected(
          rows.filter((r) => bad.has(r.externalId)).map((r) => ({ row: r.row, column: "anchor_external_id", key: "anchorLoop", params: { value: r.anchorExternalId ?? "" } })),
        );
      }
    }
  }

  // 6. Stage history.
  if (stageChanges.length > 0) {
    await tx.$executeRaw`
      INSERT INTO stage_change (project_id, from_stage, to_stage, reason, changed_by_id, changed_at)
      SELECT pid, fs::"Stage", ts::"Stage", reason, ${actor.id}, at::timestamptz
        FROM unnest(${stageChanges.map((s) => s.projectId)}::int[], ${stageChanges.map((s) => s.from)}::text[], ${stageChanges.map((s) => s.to)}::text[],
                    ${stageChanges.map((s) => s.reason)}::text[], ${stageChanges.map((s) => s.at)}::text[]) AS u(pid, fs, ts, reason, at)`;
  }

  // 7. Contracts and construction starts the rows imply, unless the project has one already.
  const withContract = rows.filter((r) => r.signedOn && r.contractInvestmentCny && r.agreementKindId);
  let contracts = 0;
  if (withContract.length > 0) {
    const created = await tx.$queryRaw<{ id: number; project_id: number; signed_on: string; amount: string; kind: number }[]>`
      INSERT INTO contract (project_id, signed_on, contracted_investment_cny, agreement_kind_id, created_by_id, updated_at)
      SELECT pid, signed::date, amount::numeric, kind, ${actor.id}, ${now}
        FROM unnest(${withContract.map((r) => projectIds.get(r.externalId)!)}::int[], ${withContract.map((r) => r.signedOn)}::text[],
                    ${withContract.map((r) => r.contractInvestmentCny)}::text[], ${withContract.map((r) => r.agreementKindId)}::int[]) AS u(pid, signed, amount, kind)
       WHERE NOT EXISTS (SELECT 1 FROM contract c WHERE c.project_id = u.pid)
      RETURNING id, project_id, to_char(signed_on, 'YYYY-MM-DD') AS signed_on, contracted_investment_cny::text AS amount, agreement_kind_id AS kind`;
    contracts = created.length;
    for (const c of created) {
      audits.push({ entity: "contract", id: c.id, action: "contract.import_create", before: null, after: JSON.stringify({ projectId: c.project_id, signedOn: c.signed_on, contractedInvestmentCny: c.amount, agreementKindId: c.kind }) });
    }
  }
  const withStart = rows.filter((r) => r.startOn);
  let starts = 0;
  if (withStart.length > 0) {
    const created = await tx.$queryRaw<{ id: number; project_id: number; started_on: string }[]>`
      INSERT INTO construction_start (project_id, started_on, created_by_id, updated_at)
      SELECT pid, started::date, ${actor.id}, ${now}
        FROM unnest(${withStart.map((r) => projectIds.get(r.externalId)!)}::int[], ${withStart.map((r) => r.startOn)}::text[]) AS u(pid, started)
       WHERE NOT EXISTS (SELECT 1 FROM construction_start s WHERE s.project_id = u.pid)
      RETURNING id, project_id, to_char(started_on, 'YYYY-MM-DD') AS started_on`;
    starts = created.length;
    for (const c of created) {
      audits.push({ entity: "construction_start", id: c.id, action: "construction_start.import_create", before: null, after: JSON.stringify({ projectId: c.project_id, startedOn: c.started_on }) });
    }
  }

  // 8. The audit trail: one row per created or updated project, contract and construction start.
  await tx.$executeRaw`
    INSERT INTO audit_log (actor_id, action, entity, entity_id, before, after)
    SELECT ${actor.id}, action, entity, id::text, before::jsonb, after::jsonb
      FROM unnest(${audits.map((a) => a.entity)}::text[], ${audits.map((a) => a.id)}::int[], ${audits.map((a) => a.action)}::text[],
                  ${audits.map((a) => a.before)}::text[], ${audits.map((a) => a.after)}::text[])
        AS u(entity, id, action, before, after)`;

  return { created: fresh.length, updated: updates.length, contracts, starts };
}

/**
 * Imports a CSV or XLSX file as `actor` (an admin; the caller checks the
 * role). All or nothing: any issue → nothing written and every issue listed.
 */
export async function importProjects(db: Db, actor: ImportActor, bytes: Uint8Array): Promise<ImportOutcome> {
  const started = Date.now();
  if (actor.role !== "ADMIN") return { ok: false, errors: [{ row: null, column: null, key: "forbidden" }] };
  const parsed = await parseImportFile(bytes);
  if (!parsed.ok) return parsed;
  const file = parsed.file;
  const present = new Set(Object.keys(file.headerNames) as ColumnKey[]);
  try {
    const counts = await db.$transaction(
      async (tx) => {
        const lookups = await loadLookups(tx, file);
        const checked = validateRows(file, lookups);
        if (!checked.ok) throw new ImportRejected(checked.errors);
        return writeRows(tx, actor, checked.rows, lookups, present);
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
    return { ok: true, created: counts.created, updated: counts.updated, rows: file.rows.length, ms: Date.now() - started };
  } catch (error) {
    if (error instanceof ImportRejected) return { ok: false, errors: error.issues };
    if (isUniqueViolation(error)) return { ok: false, errors: [{ row: null, column: null, key: "concurrent" } satisfies ImportIssue] };
    throw error;
  }
}

