/**
 * The project import: a file → every issue, or one transaction that upserts
 * the projects by external id with their companies, stage history, contracts,
 * construction starts, commitments and audit rows. Set-based SQL (INSERT … SELECT FROM
 * unnest(…)), so 10,000 rows are a handful of statements — but the app's
 * rules, not a second copy: each row's stage is reached by the moves planMove
 * allows (lib/import/journey.ts) and records what a move records
 * (lib/domain/stage-move.ts), chain links pass lib/data/chain.ts, audit rows
 * go through writeAudits (lib/audit/write-audit.ts).
 *
 * No `next/*` or next-intl here: the route, the page (through the route) and
 * `npm run import` share it; messages are translated at those edges
 * (lib/import/messages.ts). The app's data modules it uses are `server-only`,
 * so the command line runs with `tsx --conditions=react-server`.
 */
import type { Role } from "@/lib/generated/prisma/enums";
import { may } from "@/lib/domain/policy";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReferenceKind, Stage } from "@/lib/generated/prisma/enums";
import { ImportCrashed, ImportRejected, type ImportIssue, type ImportOutcome, type MatchedCompany } from "@/lib/import/errors";
import { matchCompanies } from "@/lib/data/company-duplicates";
import { parseImportFile, type ParsedFile } from "@/lib/import/parse";
import { validateRows, type ExistingJourney, type ExistingProject, type GoodRow, type Lookups, type Named } from "@/lib/import/validate";
import type { ColumnKey } from "@/lib/import/columns";
import { isUniqueViolation } from "@/lib/errors";
import { writeAudits, type AuditEntry } from "@/lib/audit/write-audit";
import { anchorLoops, type AnchorLink } from "@/lib/data/chain";
import { journeyFactsSql, type FactsRow } from "@/lib/data/stage";
import { writeCommitment } from "@/lib/data/commitments";
import { moveAuditEntry, type StageSnapshot } from "@/lib/domain/stage-move";
import { todayYmd } from "@/lib/validation/fields";
import { notifyUserOfEvent } from "@/lib/notify/insert";
import { randomUUID } from "node:crypto";

type Tx = Prisma.TransactionClient;

export type ImportActor = { id: number; role: Role };

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
    tx.$queryRaw<{ id: number; external_id: string }[]>`SELECT id, external_id FROM project WHERE external_id = ANY(${anchorIds}::text[])`,
  ]);
  // What the locked projects already have that later stages need: the app's own definition (journeyFactsSql).
  const journeys = await tx.$queryRaw<(FactsRow & { external_id: string; stage_reason: string | null; stage_entered_at: Date })[]>`
    SELECT p.external_id, p.stage_reason, p.stage_entered_at, ${journeyFactsSql()} FROM project p WHERE p.external_id = ANY(${existing.map((e) => e.external_id)}::text[])`;

  const named = (r: { id: number; code?: string; nameZh: string; nameEn: string | null; retiredAt?: Date | null }): Named => ({
    id: r.id,
    code: r.code,
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    retired: !!r.retiredAt,
  });
  const byKind: Record<ReferenceKind, Named[]> = { SECTOR: [], INDUSTRY_CHAIN: [], SOURCE: [], AGREEMENT_KIND: [], LEADER: [], NOT_RECOGNISED_REASON: [] };
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
    anchorsInDb: new Map(anchors.map((a) => [a.external_id, a.id])),
    journeys: new Map(
      journeys.map((j): [string, ExistingJourney] => [
        j.external_id,
        {
          facts: { hasContract: j.first_signed_on !== null, hasStart: j.has_start, reviveTo: j.revive_to },
          firstSignedOn: j.first_signed_on && j.first_signed_on.toISOString().slice(0, 10),
          stageReason: j.stage_reason,
          stageEnteredAt: j.stage_entered_at,
        },
      ]),
    ),
    today: todayYmd(),
  };
}

function ownershipFor(country: string) {
  if (country === "CN") return "PRIVATE";
  if (country === "HK" || country === "MO" || country === "TW") return "HMT";
  return "FOREIGN";
}

/** When each of the row's moves happens: on the date the file gives for the stage it enters, else now; never before the move before it. */
function moveTimes(row: GoodRow, from: Date, now: Date): Date[] {
  let prev = from;
  return row.moves.map((m) => {
    const day = m.to === "SIGNED" ? row.signedOn : m.to === "CONSTRUCTION" ? row.startOn : null;
    const t = day ? new Date(at(day, "10")) : now;
    prev = t > prev ? t : prev;
    return prev;
  });
}

/** What the audit log keeps of an imported project. */
type Snapshot = Record<string, string | number | null>;

/** Writes the validated rows. Returns created and updated counts. */
async function writeRows(tx: Tx, actor: ImportActor, rows: GoodRow[], lookups: Lookups, present: Set<ColumnKey>) {
  const now = new Date();
  const audits: AuditEntry[] = [];

  // 1. Companies (lib/data/company-duplicates.ts matchCompanies, the duplicate finder's rule): the same credit code,
  //    else the same name once normalised (company_name_key) of a company with no other code; the missing ones
  //    created. A row whose investor is an existing company under another name is reported (`matched`).
  const investorKey = (r: { investorName: string; creditCode: string | null }) => `${r.creditCode ?? ""}\u0000${r.investorName}`;
  const investors = [...new Map(rows.map((r) => [investorKey(r), { name: r.investorName, code: r.creditCode, country: r.countryCode }])).values()];
  const found = await matchCompanies(tx, investors);
  const companyIds = new Map<string, number>();
  const matched: MatchedCompany[] = [];
  // Every row with one code is one company: the first match found for the code (a company found by name that has no
  // code yet takes the file's, and so belongs to that code only).
  const codeGiven = new Map<number, string>();
  const codeMatch = new Map<string, NonNullable<(typeof found)[number]>>();
  investors.forEach((it, i) => {
    const m = found[i];
    if (!it.code || !m || codeMatch.has(it.code)) return;
    if (m.creditCode === null) {
      if (codeGiven.has(m.id)) return;
      codeGiven.set(m.id, it.code);
    }
    codeMatch.set(it.code, m);
  });
  investors.forEach((it, i) => {
    const m = it.code ? codeMatch.get(it.code) : found[i];
    if (!m) return;
    companyIds.set(investorKey({ investorName: it.name, creditCode: it.code }), m.id);
    if (m.nameZh !== it.name) matched.push({ name: it.name, companyId: m.id, company: m.nameZh, reason: m.reason, ...(it.code ? { code: it.code } : {}) });
  });
  for (const [id, code] of codeGiven) {
    const [before] = await tx.$queryRaw<{ version: number }[]>`
      UPDATE company SET credit_code = ${code}, version = version + 1, updated_at = ${now} WHERE id = ${id} AND credit_code IS NULL RETURNING version`;
    if (before) audits.push({ actorId: actor.id, action: "company.import_update", entity: "company", entityId: id, before: { creditCode: null }, after: { creditCode: code, version: before.version } });
  }
  // New investors: one company per code, else per normalised name (spellings within the file become one; the first names it).
  const missing = investors.filter((it) => !companyIds.has(investorKey({ investorName: it.name, creditCode: it.code })));
  missing.sort((a, b) => Number(b.code !== null) - Number(a.code !== null));
  const keys = missing.length === 0 ? [] : await tx.$queryRaw<{ key: string | null }[]>`
    SELECT company_name_key(n) AS key FROM unnest(${missing.map((m) => m.name)}::text[]) WITH ORDINALITY AS u(n, i) ORDER BY i`;
  const groupOf = new Map<string, (typeof missing)[number]>();
  const sameAs: [(typeof missing)[number], (typeof missing)[number]][] = [];
  const toCreate: (typeof missing)[number][] = [];
  missing.forEach((it, i) => {
    const nameGroup = keys[i].key === null ? `name:${it.name}` : `key:${keys[i].key}`;
    const first = it.code ? groupOf.get(`code:${it.code}`) : groupOf.get(nameGroup);
    if (first) sameAs.push([it, first]);
    else toCreate.push(it);
    if (it.code && !groupOf.has(`code:${it.code}`)) groupOf.set(`code:${it.code}`, first ?? it);
    if (!groupOf.has(nameGroup)) groupOf.set(nameGroup, first ?? it);
  });
  if (toCreate.length > 0) {
    const countries = toCreate.map((n) => n.country);
    const created = await tx.$queryRaw<{ id: number; name_zh: string; name_en: string | null; country_code: string; ownership_type: string; credit_code: string | null }[]>`
      INSERT INTO company (name_zh, country_code, ownership_type, credit_code, updated_at)
      SELECT n, c, o::"OwnershipType", k, ${now}
        FROM unnest(${toCreate.map((n) => n.name)}::text[], ${countries}::text[], ${countries.map(ownershipFor)}::text[], ${toCreate.map((n) => n.code)}::text[]) WITH ORDINALITY AS u(n, c, o, k, i)
       ORDER BY i
      RETURNING id, name_zh, name_en, country_code, ownership_type::text AS ownership_type, credit_code`;
    created.forEach((c, i) => {
      companyIds.set(investorKey({ investorName: toCreate[i].name, creditCode: toCreate[i].code }), c.id);
      // The row lib/data/projects.ts writes for a new company.
      const after = { id: c.id, nameZh: c.name_zh, nameEn: c.name_en, countryCode: c.country_code, ownershipType: c.ownership_type, creditCode: c.credit_code };
      audits.push({ actorId: actor.id, action: "company.import_create", entity: "company", entityId: c.id, after });
    });
  }
  for (const [it, first] of sameAs) {
    const id = companyIds.get(investorKey({ investorName: first.name, creditCode: first.code }))!;
    companyIds.set(investorKey({ investorName: it.name, creditCode: it.code }), id);
    if (it.name !== first.name) matched.push({ name: it.name, companyId: id, company: first.name, reason: it.code ? "creditCode" : "name", ...(it.code ? { code: it.code } : {}) });
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
      companyId: companyIds.get(investorKey(r))!,
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
  /** Where each row's journey starts (stage columns before its moves) and the times of its moves. */
  const journeyOf = (r: GoodRow) => {
    const old = lookups.existing.get(r.externalId);
    const j = old && lookups.journeys.get(r.externalId)!;
    const start: StageSnapshot = old && j
      ? { stage: old.stage, version: old.version + 1, stageReason: j.stageReason, stageEnteredAt: j.stageEnteredAt }
      : { stage: "FIRST_CONTACT", version: 1, stageReason: null, stageEnteredAt: new Date(at(r.firstContactOn, "09")) };
    const times = moveTimes(r, start.stageEnteredAt, now);
    const last = r.moves.length - 1;
    const end: StageSnapshot = last < 0
      ? start
      : { stage: r.stage, version: start.version + r.moves.length, stageReason: r.moves[last].stageReason, stageEnteredAt: times[last] };
    return { start, times, end };
  };
  const cols = (list: GoodRow[]) => {
    const v = list.map(values);
    const j = list.map(journeyOf);
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
      stage: j.map((x) => x.end.stage),
      entered: j.map((x) => x.end.stageEnteredAt.toISOString()),
      reason: j.map((x) => x.end.stageReason),
      version: j.map((x) => x.end.version),
      first: v.map((x) => x.firstContactOn),
      snapshots: v,
      journeys: j,
    };
  };

  const projectIds = new Map<string, number>();
  const stageChanges: { projectId: number; from: Stage | null; to: Stage; reason: string | null; at: Date }[] = [];
  /** The moves' audit rows, completed with their stage change ids once those exist. */
  const moveAudits: { projectId: number; to: Stage; entry: Omit<Parameters<typeof moveAuditEntry>[0], "stageChangeId"> }[] = [];
  const recordMoves = (r: GoodRow, projectId: number, journey: ReturnType<typeof journeyOf>) => {
    let before = journey.start;
    r.moves.forEach((m, i) => {
      const after: StageSnapshot = { stage: m.to, version: before.version + 1, stageReason: m.stageReason, stageEnteredAt: journey.times[i] };
      stageChanges.push({ projectId, from: m.from, to: m.to, reason: m.changeReason, at: journey.times[i] });
      moveAudits.push({ projectId, to: m.to, entry: { actorId: actor.id, projectId, before, after, changeReason: m.changeReason, kind: m.kind } });
      before = after;
    });
  };

  // 3. New projects: created at first contact, then moved as the app moves them.
  if (fresh.length > 0) {
    const c = cols(fresh);
    const inserted = await tx.$queryRaw<{ id: number; external_id: string; version: number }[]>`
      INSERT INTO project (external_id, title, company_id, sector_id, chain_id, unit_id, planned_investment_cny, foreign_investment_usd,
                           source_id, event_id, owner_id, stage, stage_entered_at, stage_reason, version, first_contact_on, updated_at)
      SELECT ext, title, company, sector, chain, unit, planned::numeric, foreign_usd::numeric, source, event, owner,
             stage::"Stage", entered::timestamptz, reason, version, first::date, ${now}
        FROM unnest(${c.ext}::text[], ${c.title}::text[], ${c.company}::int[], ${c.sector}::int[], ${c.chain}::int[], ${c.unit}::int[],
                    ${c.planned}::text[], ${c.foreign}::text[], ${c.source}::int[], ${c.event}::int[], ${c.owner}::int[],
                    ${c.stage}::text[], ${c.entered}::text[], ${c.reason}::text[], ${c.version}::int[], ${c.first}::text[])
          AS u(ext, title, company, sector, chain, unit, planned, foreign_usd, source, event, owner, stage, entered, reason, version, first)
      RETURNING id, external_id, version`;
    for (const p of inserted) projectIds.set(p.external_id, p.id);
    fresh.forEach((r, i) => {
      const id = projectIds.get(r.externalId)!;
      const journey = c.journeys[i];
      stageChanges.push({ projectId: id, from: null, to: "FIRST_CONTACT", reason: null, at: journey.start.stageEnteredAt });
      audits.push({
        actorId: actor.id,
        action: "project.import_create",
        entity: "project",
        entityId: id,
        after: { ...c.snapshots[i], stage: journey.start.stage, version: journey.start.version, row: r.row },
      });
      recordMoves(r, id, journey);
    });
  }

  // 4. Existing projects: updated in place (version bumped), then moved.
  if (updates.length > 0) {
    const c = cols(updates);
    await tx.$executeRaw`
      UPDATE project p SET
        title = u.title, company_id = u.company, sector_id = u.sector, chain_id = u.chain, unit_id = u.unit,
        planned_investment_cny = u.planned::numeric, foreign_investment_usd = u.foreign_usd::numeric,
        source_id = u.source, event_id = u.event, owner_id = u.owner, first_contact_on = u.first::date,
        stage = u.stage::"Stage", stage_entered_at = u.entered::timestamptz, stage_reason = u.reason,
        version = u.version, updated_at = ${now}
      FROM unnest(${c.ext}::text[], ${c.title}::text[], ${c.company}::int[], ${c.sector}::int[], ${c.chain}::int[], ${c.unit}::int[],
                  ${c.planned}::text[], ${c.foreign}::text[], ${c.source}::int[], ${c.event}::int[], ${c.owner}::int[],
                  ${c.stage}::text[], ${c.entered}::text[], ${c.reason}::text[], ${c.version}::int[], ${c.first}::text[])
        AS u(ext, title, company, sector, chain, unit, planned, foreign_usd, source, event, owner, stage, entered, reason, version, first)
      WHERE p.external_id = u.ext`;
    updates.forEach((r, i) => {
      const old = lookups.existing.get(r.externalId)!;
      const journey = c.journeys[i];
      projectIds.set(r.externalId, old.id);
      const { id: _id, externalId: _e, ...before } = old;
      audits.push({
        actorId: actor.id,
        action: "project.import_update",
        entity: "project",
        entityId: old.id,
        before: before satisfies Snapshot,
        after: { ...c.snapshots[i], stage: journey.start.stage, version: journey.start.version, row: r.row },
      });
      recordMoves(r, old.id, journey);
    });
  }

  // 5. Chain links, once every project of the file exists. A missing column keeps the link.
  //    A link must not close a loop (lib/data/chain.ts, the project form's check).
  const linked = rows.filter((r) => present.has("anchor_external_id") || !lookups.existing.has(r.externalId));
  if (linked.length > 0) {
    const links: AnchorLink[] = linked.map((r) => ({
      projectId: projectIds.get(r.externalId)!,
      anchorId: r.anchorExternalId ? (projectIds.get(r.anchorExternalId) ?? lookups.anchorsInDb.get(r.anchorExternalId)!) : null,
    }));
    const loops = new Set(await anchorLoops(tx, links));
    if (loops.size > 0) {
      throw new ImportRejected(
        linked
          .filter((r) => loops.has(projectIds.get(r.externalId)!))
          .map((r) => ({ row: r.row, column: "anchor_external_id", key: "anchorLoop", params: { value: r.anchorExternalId ?? "" } })),
      );
    }
    await tx.$executeRaw`
      UPDATE project p SET anchor_project_id = u.anchor
        FROM unnest(${links.map((l) => l.projectId)}::int[], ${links.map((l) => l.anchorId)}::int[]) AS u(id, anchor)
       WHERE p.id = u.id AND p.anchor_project_id IS DISTINCT FROM u.anchor`;
  }

  // 6. Stage history, and the moves' audit rows with their stage change ids.
  if (stageChanges.length > 0) {
    const written = await tx.$queryRaw<{ id: number; project_id: number; to_stage: Stage }[]>`
      INSERT INTO stage_change (project_id, from_stage, to_stage, reason, changed_by_id, changed_at)
      SELECT pid, fs::"Stage", ts::"Stage", reason, ${actor.id}, at::timestamptz
        FROM unnest(${stageChanges.map((s) => s.projectId)}::int[], ${stageChanges.map((s) => s.from)}::text[], ${stageChanges.map((s) => s.to)}::text[],
                    ${stageChanges.map((s) => s.reason)}::text[], ${stageChanges.map((s) => s.at.toISOString())}::text[]) AS u(pid, fs, ts, reason, at)
      RETURNING id, project_id, to_stage::text AS to_stage`;
    // One import enters a stage at most once per project: (project, stage) names the change.
    const changeIds = new Map(written.map((w) => [`${w.project_id}:${w.to_stage}`, w.id]));
    for (const m of moveAudits) audits.push(moveAuditEntry({ ...m.entry, stageChangeId: changeIds.get(`${m.projectId}:${m.to}`)! }));
  }

  // 7. The contracts and construction starts the moves record (what lib/data/stage.ts writes for a move).
  const withContract = rows.filter((r) => r.recordsContract);
  if (withContract.length > 0) {
    const created = await tx.$queryRaw<{ id: number; project_id: number; signed_on: Date; amount: string; kind: number; contract_kind: string }[]>`
      INSERT INTO contract (project_id, signed_on, contracted_investment_cny, agreement_kind_id, created_by_id, updated_at)
      SELECT pid, signed::date, amount::numeric, kind, ${actor.id}, ${now}
        FROM unnest(${withContract.map((r) => projectIds.get(r.externalId)!)}::int[], ${withContract.map((r) => r.signedOn)}::text[],
                    ${withContract.map((r) => r.contractInvestmentCny)}::text[], ${withContract.map((r) => r.agreementKindId)}::int[]) AS u(pid, signed, amount, kind)
      RETURNING id, project_id, signed_on, contracted_investment_cny::text AS amount, agreement_kind_id AS kind, kind::text AS contract_kind`;
    for (const k of created) {
      const after = {
        projectId: k.project_id,
        id: k.id,
        signedOn: k.signed_on,
        contractedInvestmentCny: new Prisma.Decimal(k.amount),
        contractedForeignUsd: null,
        agreementKindId: k.kind,
        // The importer writes formal contracts (the column's default), as a move through the app does by default.
        kind: k.contract_kind,
        note: null,
      };
      audits.push({ actorId: actor.id, action: "contract.import_create", entity: "contract", entityId: k.id, before: null, after });
    }
  }
  const withStart = rows.filter((r) => r.recordsStart);
  if (withStart.length > 0) {
    const created = await tx.$queryRaw<{ id: number; project_id: number; started_on: Date }[]>`
      INSERT INTO construction_start (project_id, started_on, created_by_id, updated_at)
      SELECT pid, started::date, ${actor.id}, ${now}
        FROM unnest(${withStart.map((r) => projectIds.get(r.externalId)!)}::int[], ${withStart.map((r) => r.startOn)}::text[]) AS u(pid, started)
      RETURNING id, project_id, started_on`;
    for (const s of created) {
      const after = { projectId: s.project_id, id: s.id, startedOn: s.started_on, note: null };
      audits.push({ actorId: actor.id, action: "construction_start.import_create", entity: "construction_start", entityId: s.id, before: null, after });
    }
  }

  // 8. The commitment columns: each promise written as the project page writes it (writeCommitment, recordCommitment's
  //    own path), on the project's latest contract. A promise in force that the file repeats is left alone; one the
  //    file changes is amended (the old one kept as history).
  const withCommitments = rows.filter((r) => r.commitments.length > 0);
  if (withCommitments.length > 0) {
    const ids = withCommitments.map((r) => projectIds.get(r.externalId)!);
    const [contracts, inForce] = await Promise.all([
      tx.$queryRaw<{ project_id: number; id: number }[]>`
        SELECT DISTINCT ON (project_id) project_id, id FROM contract WHERE project_id = ANY(${ids}::int[]) ORDER BY project_id, signed_on DESC, id DESC`,
      tx.commitment.findMany({ where: { projectId: { in: ids }, replacedAt: null }, select: { id: true, projectId: true, kind: true, value: true, dueOn: true, version: true } }),
    ]);
    const contractOf = new Map(contracts.map((k) => [k.project_id, k.id]));
    for (const r of withCommitments) {
      const projectId = projectIds.get(r.externalId)!;
      const project = { id: projectId, contractId: contractOf.get(projectId)! };
      for (const c of r.commitments) {
        const dueOn = c.dueOn ? new Date(`${c.dueOn}T00:00:00Z`) : undefined;
        const current = inForce.find((x) => x.projectId === projectId && x.kind === c.kind);
        const sameValue = (current?.value?.toString() ?? null) === (c.value === null ? null : new Prisma.Decimal(c.value).toString());
        if (current && sameValue && (current.dueOn?.getTime() ?? null) === (dueOn?.getTime() ?? null)) continue;
        await writeCommitment(tx, actor.id, project, { kind: c.kind, value: c.value ?? undefined, dueOn, replacesId: current?.id, version: current?.version, requestId: null });
      }
    }
  }

  // 9. The audit trail, through writeAudits: the rows writeAudit writes, in one statement.
  await writeAudits(tx, audits);

  return { created: fresh.length, updated: updates.length, contracts: withContract.length, starts: withStart.length, matched };
}

/** The notifications' subject for an import (its occasion is the run's id). */
const IMPORT_SUBJECT = "import:projects";

/** A fresh run id: a UUID as 32 hex characters (the notification occasion's width; import_run keeps it as a uuid). */
export const newImportRunId = () => randomUUID().replaceAll("-", "");

/** The run id of a request id (a UUID in any of its spellings). */
export const runIdOf = (requestId: string) => requestId.replaceAll("-", "").toLowerCase();

/**
 * Tells the starter the import failed, in the run's transaction after its rows were rolled back: the number of
 * issues listed (rows at fault, or the file's own fault). Rendered in the reader's language when shown or sent.
 */
async function notifyFailed(db: Pick<Tx, "$queryRaw">, actor: ImportActor, runId: string, errors: ImportIssue[]) {
  const rows = new Set(errors.filter((e) => e.row !== null).map((e) => e.row)).size;
  await notifyUserOfEvent(db, { kind: "IMPORT_FAILED", userId: actor.id, subject: IMPORT_SUBJECT, occasion: runId, data: { errors: errors.length, rows } });
}

/**
 * Imports a CSV or XLSX file as `actor` (an admin; the caller checks the
 * role). All or nothing: any issue → nothing written and every issue listed.
 * The starter is notified: IMPORT_FINISHED in the import's own transaction
 * (a rolled-back import never says "finished"), IMPORT_FAILED after a
 * rollback or an unexpected error (ImportCrashed is thrown). `runId`
 * (default: a fresh one; the upload form's request id) makes the run once:
 * the same starter's same run id again gets the first outcome, and each
 * notification is sent once.
 */
export async function importProjects(db: Db, actor: ImportActor, bytes: Uint8Array, { runId = newImportRunId() }: { runId?: string } = {}): Promise<ImportOutcome> {
  if (!may(actor, "importProjects")) return { ok: false, errors: [{ row: null, column: null, key: "forbidden" }] };
  try {
    return await runImport(db, actor, bytes, runId);
  } catch (error) {
    throw await crashed(db, actor, runId, error);
  }
}

/**
 * An unexpected error stopped the import (its transaction, if any, rolled back): the error goes to the server's
 * log under a short reference, and the starter is told "failed" with that reference, once per run id (the
 * notification's key). Returns what the caller throws.
 */
async function crashed(db: Db, actor: ImportActor, runId: string, error: unknown): Promise<ImportCrashed> {
  const reference = randomUUID().slice(0, 8);
  console.error(`import ${runId} stopped on an unexpected error (reference ${reference})`, error);
  await notifyUserOfEvent(db, { kind: "IMPORT_FAILED", userId: actor.id, subject: IMPORT_SUBJECT, occasion: runId, data: { reference } }).catch((e: unknown) =>
    console.error(`import ${runId}: the "failed" notice could not be written (reference ${reference})`, e),
  );
  return new ImportCrashed(reference, error);
}

/** The outcome an earlier request with this run id got, if it reached one. */
async function storedOutcome(db: Pick<Tx, "$queryRaw">, actor: ImportActor, runId: string): Promise<ImportOutcome | null> {
  const [run] = await db.$queryRaw<{ outcome: ImportOutcome }[]>`
    SELECT outcome FROM import_run WHERE user_id = ${actor.id} AND request_id = ${runId}::uuid`;
  return run?.outcome ?? null;
}

/**
 * One run: the file is read, then one transaction claims the run id (import_run, unique per starter — a second
 * request with the same id waits here for the first one's commit and then answers with its outcome), writes the
 * rows or, when the file is refused, rolls them back to a savepoint, and records the outcome and the starter's
 * notice with it. So a retried or double-submitted upload is one import and one notice.
 */
async function runImport(db: Db, actor: ImportActor, bytes: Uint8Array, runId: string): Promise<ImportOutcome> {
  const started = Date.now();
  const earlier = await storedOutcome(db, actor, runId);
  if (earlier) return earlier;
  const parsed = await parseImportFile(bytes);
  // A file refused as read (too big, a cell over its limit…) opens no transaction and looks nothing up: the
  // same bytes are refused the same way on a retry, and the notice is once per run id by its own key.
  if (!parsed.ok) {
    await notifyFailed(db, actor, runId, parsed.errors);
    return parsed;
  }
  return db.$transaction(
    async (tx) => {
      const [claimed] = await tx.$queryRaw<{ id: bigint }[]>`
        INSERT INTO import_run (user_id, request_id) VALUES (${actor.id}, ${runId}::uuid)
        ON CONFLICT (user_id, request_id) DO NOTHING RETURNING id`;
      if (!claimed) return (await storedOutcome(tx, actor, runId))!;
      const outcome = await writeFile(tx, actor, parsed.file, runId, started);
      if (!outcome.ok) await notifyFailed(tx, actor, runId, outcome.errors);
      await tx.$executeRaw`UPDATE import_run SET outcome = ${JSON.stringify(outcome)}::jsonb WHERE id = ${claimed.id}`;
      return outcome;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/**
 * Validates and writes the file inside the run's transaction, behind a savepoint: a refused file (its issues, or
 * a concurrent edit's unique violation) is rolled back to it and answered with its issues. IMPORT_FINISHED is
 * written with the rows, so a rolled-back import never says "finished". Anything else is thrown (a crash).
 */
async function writeFile(tx: Tx, actor: ImportActor, file: ParsedFile, runId: string, started: number): Promise<ImportOutcome> {
  const present = new Set(Object.keys(file.headerNames) as ColumnKey[]);
  await tx.$executeRawUnsafe("SAVEPOINT import_rows");
  try {
    const lookups = await loadLookups(tx, file);
    const checked = validateRows(file, lookups);
    if (!checked.ok) throw new ImportRejected(checked.errors);
    const written = await writeRows(tx, actor, checked.rows, lookups, present);
    await notifyUserOfEvent(tx, {
      kind: "IMPORT_FINISHED",
      userId: actor.id,
      subject: IMPORT_SUBJECT,
      occasion: runId,
      data: { count: written.created + written.updated, created: written.created, updated: written.updated },
    });
    await tx.$executeRawUnsafe("RELEASE SAVEPOINT import_rows");
    return { ok: true, created: written.created, updated: written.updated, matched: written.matched, rows: file.rows.length, ms: Date.now() - started };
  } catch (error) {
    let errors: ImportIssue[];
    if (error instanceof ImportRejected) errors = error.issues;
    else if (isUniqueViolation(error)) errors = [{ row: null, column: null, key: "concurrent" } satisfies ImportIssue];
    else throw error;
    await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT import_rows");
    return { ok: false, errors };
  }
}
