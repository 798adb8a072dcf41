/**
 * The authorization matrix's expectation table: one entry per exported server
 * action ("use server" module) and per route handler method, keyed
 * "<file>#<export>". Each names who may call it and whether it is limited to
 * the target's unit, and how to call it with a VALID input for a target, so
 * a refusal is the authorization and not validation.
 *
 * Adding an action: one line here — `"app/…/actions.ts#fooAction": { roles: ANY_ROLE, scope: "unit", run: form((c) => ({ … })) },`.
 */
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import type { ActionResult } from "@/lib/actions/result";
import type { Role } from "@/lib/generated/prisma/enums";
import { makeProject, ymd } from "@/lib/data/stage.test-helpers";
import { createApiToken } from "@/lib/data/api-tokens";
import { TEST_PASSWORD, testDb, uniq } from "@/test/factories";
import { versionOf, type Dataset, type Target, type UnitData } from "@/test/authorization-matrix.dataset";

/** What a call came to: "ok", a refusal ("unauthenticated", "forbidden", "not_found"), "invalid(field,…)", "empty" (a search found nothing), "status N". */
export type Outcome = string;

export type CallContext = {
  ds: Dataset;
  /** The unit of the record acted on. */
  unit: UnitData;
  target: Target;
  /** The caller's id and unit (undefined when nobody is signed in). */
  caller?: { id: number; unitId: number };
  /** Credentials for a route handler: a session cookie or a bearer token. */
  headers: Record<string, string>;
};

type Fn = (...args: never[]) => unknown;
/** Builds the input for a target (it may make a fresh record to act on), then returns the call itself. */
type Run = (c: CallContext) => Promise<(fn: Fn) => Promise<Outcome>>;

export type Entry = {
  /** Roles that may call it at all, or "public" (no sign-in needed). */
  roles: readonly Role[] | "public";
  /**
   * "unit": an officer or a county manager may act only on their own unit's
   * records (city managers and admins on every unit's); "all": the unit does not matter.
   */
  scope: "unit" | "all";
  /** What an out-of-unit target gives for an officer or a county manager (default "not_found": it does not exist for them). */
  otherUnit?: Outcome;
  /** Route handlers that also take `Authorization: Bearer <token>` (a token acts only for an admin). */
  tokens?: boolean;
  run: Run;
};

export const ANY_ROLE = ["OFFICER", "MANAGER", "ADMIN"] as const satisfies Role[];
export const MANAGERS = ["MANAGER", "ADMIN"] as const satisfies Role[];
export const ADMIN = ["ADMIN"] as const satisfies Role[];

// ------------------------------------------------------------ how to call

export function outcomeOf(result: ActionResult<unknown>): Outcome {
  if (result.ok) return "ok";
  if (result.error === "invalid" && result.fieldErrors) return `invalid(${Object.keys(result.fieldErrors).sort().join(",")})`;
  return result.error;
}

type Fields = Record<string, string | number | undefined>;

/** A form action `(prev, formData)` called with these fields. */
const form =
  (fields: (c: CallContext) => Fields | Promise<Fields>): Run =>
  async (c) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(await fields(c))) if (v !== undefined) data.set(k, String(v));
    return async (fn) => outcomeOf(await (fn as (prev: unknown, fd: FormData) => Promise<ActionResult<unknown>>)(null, data));
  };

/** An action called with plain arguments, returning an ActionResult. */
const args =
  (build: (c: CallContext) => unknown[]): Run =>
  async (c) =>
  async (fn) =>
    outcomeOf(await (fn as (...a: unknown[]) => Promise<ActionResult<unknown>>)(...build(c)));

/** A read-only search: "ok" when it finds the target, "empty" otherwise (a refused search returns nothing). */
const search =
  (build: (c: CallContext) => unknown[], wanted: (c: CallContext) => number): Run =>
  async (c) =>
  async (fn) => {
    const rows = (await (fn as (...a: unknown[]) => Promise<{ id: number }[]>)(...build(c))) ?? [];
    return rows.some((r) => r.id === wanted(c)) ? "ok" : "empty";
  };

/** A route handler called with this request (and route params). */
const route =
  (build: (c: CallContext) => { url: string; init?: RequestInit; params?: Record<string, unknown> }): Run =>
  async (c) => {
    const { url, init, params } = build(c);
    // Next hands route handlers a NextRequest (next-auth reads its nextUrl).
    const headers = { ...c.headers, ...(init?.headers as Record<string, string>) };
    const request = new NextRequest(`http://localhost${url}`, { ...init, headers } as ConstructorParameters<typeof NextRequest>[1]);
    return async (fn) => {
    const response = (await (fn as (r: Request, ctx: unknown) => Promise<Response>)(request, { params: Promise.resolve(params ?? {}) })) as Response;
    await response.body?.cancel();
    const s = response.status;
    if (s >= 200 && s < 300) return "ok";
    return ({ 401: "unauthenticated", 403: "forbidden", 404: "not_found" } as Record<number, string>)[s] ?? `status ${s}`;
    };
  };

// ------------------------------------------------------------ inputs

const rid = () => randomUUID();
/** Whom a new project is given to: the caller when they belong to its unit, else the unit's officer. */
const ownerFor = (c: CallContext) => (c.caller?.unitId === c.unit.id ? undefined : c.unit.owner.id);
const flip = async (table: "app_user" | "unit" | "reference_item", id: number, column: "disabled_at" | "retired_at") => {
  const [row] = await testDb().$queryRawUnsafe<{ set: boolean }[]>(`SELECT ${column} IS NOT NULL AS set FROM "${table}" WHERE id = $1`, id);
  return row.set ? "false" : "true";
};
const importCsv = (c: CallContext) =>
  "external_id,project_title,investor_name,unit,stage,first_contact_date,owner_email\n" +
  `${c.ds.tag}-${uniq()},${c.ds.tag}导入项目,${c.ds.tag}导入投资方,${c.unit.code},first_contact,2024-01-05,${c.unit.owner.email}\n`;
const csvUpload = (c: CallContext) => {
  const body = new FormData();
  body.set("file", new File([importCsv(c)], "projects.csv", { type: "text/csv" }));
  return body;
};

/**
 * The caller changes their own password (from the factories' one); it is put
 * back after the call, so every later case signs in the same way.
 */
const ownPasswordChange: Run = async (c) => async (fn) => {
  const next = `river-lantern-copper-${uniq()}`;
  const data = new FormData();
  for (const [k, v] of Object.entries({ currentPassword: TEST_PASSWORD, newPassword: next, confirmPassword: next })) data.set(k, v);
  const before = c.caller && (await testDb().user.findUniqueOrThrow({ where: { id: c.caller.id }, select: { passwordHash: true } }));
  const outcome = outcomeOf(await (fn as (prev: unknown, fd: FormData) => Promise<ActionResult<unknown>>)(null, data));
  if (c.caller && before) await testDb().user.update({ where: { id: c.caller.id }, data: { passwordHash: before.passwordHash } });
  return outcome;
};

/** A new round of the unit's project (its next number), to attach a file to. */
const roundOf = async (c: CallContext) => {
  const last = await testDb().negotiationRound.findFirst({ where: { projectId: c.unit.project.id }, orderBy: { number: "desc" }, select: { number: true } });
  const data = { projectId: c.unit.project.id, number: (last?.number ?? 0) + 1, heldOn: new Date("2024-01-02T00:00:00Z"), format: "VIDEO" as const, ourParticipants: "matrix", summary: "matrix", createdById: c.unit.owner.id };
  return (await testDb().negotiationRound.create({ data })).id;
};
/** A file on a round of the unit's project, uploaded by the caller when they belong to the unit (so an officer may delete it), else by its officer. */
const attachmentOf = async (c: CallContext) =>
  (
    await testDb().attachment.create({
      data: { projectId: c.unit.project.id, roundId: await roundOf(c), fileName: "minutes.pdf", contentType: "application/pdf", size: 3, content: Buffer.from("pdf"), uploadedById: c.caller?.unitId === c.unit.id ? c.caller.id : c.unit.owner.id },
    })
  ).id;
const attachmentUpload = async (c: CallContext) => {
  const body = new FormData();
  body.set("roundId", String(await roundOf(c)));
  body.set("requestId", rid());
  body.set("file", new File(["minutes"], "minutes.pdf", { type: "application/pdf" }));
  return body;
};

/** An open supervision order on the unit's project, assigned to the caller when they belong to the unit (so an officer may answer it), else to its officer. */
const supervisionOf = async (c: CallContext) =>
  (
    await testDb().supervisionOrder.create({
      data: { projects: { create: { projectId: c.unit.project.id } }, unitId: c.unit.id, requirement: "matrix", answerDueOn: new Date(`${ymd(5)}T00:00:00Z`), assigneeId: c.caller?.unitId === c.unit.id ? c.caller.id : c.unit.owner.id, issuedById: c.unit.owner.id },
    })
  ).id;

// ------------------------------------------------------------ the table

export const MATRIX: Record<string, Entry> = {
  // One's own account (app/(auth)/account/actions.ts): every role, on themselves only
  "app/(auth)/account/actions.ts#changeOwnPasswordAction": { roles: ANY_ROLE, scope: "all", run: ownPasswordChange },

  // Projects (app/(app)/projects/actions.ts)
  "app/(app)/projects/actions.ts#createProjectAction": {
    roles: ANY_ROLE,
    scope: "unit",
    otherUnit: "invalid(unitId)", // the unit list is public; the form's unit field is refused
    run: form((c) => ({ title: `${c.ds.tag} new project`, companyId: c.unit.company.id, unitId: c.unit.id, ownerId: ownerFor(c), requestId: rid() })),
  },
  "app/(app)/projects/actions.ts#updateProjectAction": {
    roles: ANY_ROLE,
    scope: "unit",
    run: form(async (c) => ({ id: c.unit.project.id, version: await versionOf("project", c.unit.project.id), title: c.unit.project.title, phase: uniq() })),
  },
  "app/(app)/projects/actions.ts#reassignOwnerAction": {
    roles: MANAGERS,
    scope: "unit",
    run: form(async (c) => ({ projectId: c.unit.project.id, version: await versionOf("project", c.unit.project.id), ownerId: c.unit.reassignee })),
  },
  "app/(app)/projects/actions.ts#searchCompaniesAction": { roles: ANY_ROLE, scope: "all", run: search((c) => [c.unit.company.nameZh], (c) => c.unit.company.id) },
  // City-wide for titles: an anchor project (one that draws a chain) is found by its title from every unit, with its id,
  // title and unit only (lib/data/anchors.ts; what an out-of-scope hit carries: lib/data/anchors.int.test.ts). A project
  // that draws no chain is found in scope only, as before.
  "app/(app)/projects/actions.ts#searchAnchorsAction": {
    roles: ANY_ROLE,
    scope: "all",
    run: async (c) => {
      const supplier = await makeProject(c.unit.owner);
      await testDb().project.update({ where: { id: supplier.id }, data: { anchorProjectId: c.unit.project.id } });
      return search((c) => [c.unit.project.title], (c) => c.unit.project.id)(c);
    },
  },

  // The journey (app/(app)/projects/[id]/…)
  "app/(app)/projects/[id]/stage-actions.ts#transitionStageAction": {
    roles: ANY_ROLE,
    scope: "unit",
    run: form(async (c) => ({ projectId: (await makeProject(c.unit.owner)).id, version: 1, requestId: rid(), toStage: "ON_HOLD", reason: "matrix" })),
  },
  "app/(app)/projects/[id]/stage-actions.ts#recordFundsAction": {
    roles: ANY_ROLE,
    scope: "unit",
    run: form((c) => ({ projectId: c.unit.signedProject, requestId: rid(), amount: "1000", currency: "CNY", receivedOn: "2024-01-02" })),
  },
  "app/(app)/projects/[id]/commitment-actions.ts#recordCommitmentAction": {
    roles: ANY_ROLE,
    scope: "unit",
    run: form(async (c) => ({ projectId: (await makeProject(c.unit.owner, { path: ["INTENT", "NEGOTIATION", "SIGNED"] })).id, requestId: rid(), kind: "STATISTICS", dueOn: "2030-01-31" })),
  },
  "app/(app)/projects/[id]/commitment-actions.ts#recordCommitmentActualAction": {
    roles: ANY_ROLE,
    scope: "unit",
    run: form((c) => ({ projectId: c.unit.signedProject, requestId: rid(), kind: "JOBS", value: "100", reportedOn: "2024-01-02" })),
  },
  "app/(app)/projects/[id]/stage-actions.ts#stageMoveContextAction": { roles: ANY_ROLE, scope: "unit", run: args((c) => [c.unit.project.id]) },
  "app/(app)/projects/[id]/attachment-actions.ts#deleteAttachmentAction": { roles: ANY_ROLE, scope: "unit", run: form(async (c) => ({ id: await attachmentOf(c) })) },
  "app/(app)/projects/[id]/round-actions.ts#logRoundAction": {
    roles: ANY_ROLE,
    scope: "unit",
    run: form((c) => ({ projectId: c.unit.project.id, requestId: rid(), format: "VIDEO", summary: "matrix round" })),
  },

  "app/(app)/projects/[id]/recognition-actions.ts#setRecognitionAction": {
    roles: MANAGERS,
    scope: "unit",
    run: form(async (c) => ({ projectId: c.unit.project.id, version: await versionOf("project", c.unit.project.id), note: "matrix" })),
  },
  "app/(app)/projects/[id]/contract-actions.ts#addContractAction": {
    roles: ANY_ROLE,
    scope: "unit",
    run: form(async (c) => ({
      projectId: c.unit.signedProject,
      version: await versionOf("project", c.unit.signedProject),
      requestId: rid(),
      kind: "CAPITAL_INCREASE",
      signedOn: "2024-01-02",
      agreementKindId: (await testDb().contract.findFirstOrThrow({ where: { projectId: c.unit.signedProject }, select: { agreementKindId: true } })).agreementKindId,
      contractedInvestmentCny: "1000",
    })),
  },
  "app/(app)/projects/[id]/supervision-actions.ts#issueSupervisionAction": { roles: MANAGERS, scope: "unit", run: form((c) => ({ projectId: c.unit.project.id, requestId: rid(), requirement: "matrix order", answerDueOn: ymd(5) })) },
  "app/(app)/projects/[id]/supervision-actions.ts#answerSupervisionAction": { roles: ANY_ROLE, scope: "unit", run: form(async (c) => ({ orderId: await supervisionOf(c), version: 1, requestId: rid(), kind: "PLAN", body: "matrix plan" })) },
  "app/(app)/projects/[id]/supervision-actions.ts#closeSupervisionAction": { roles: MANAGERS, scope: "unit", run: form(async (c) => ({ orderId: await supervisionOf(c), version: 1, requestId: rid(), kind: "RESOLVE", body: "matrix" })) },

  // Companies: shared by all units
  "app/(app)/companies/actions.ts#createCompanyAction": {
    roles: ANY_ROLE,
    scope: "all",
    run: form((c) => ({ nameZh: `${c.ds.tag}企业${uniq()}`, countryCode: "CN", ownershipType: "PRIVATE", requestId: rid() })),
  },
  "app/(app)/companies/actions.ts#findCompanyDuplicatesAction": { roles: ANY_ROLE, scope: "all", run: search((c) => [{ nameZh: c.unit.company.nameZh }], (c) => c.unit.company.id) },
  "app/(app)/companies/actions.ts#updateCompanyAction": {
    roles: ANY_ROLE,
    scope: "all",
    run: form(async (c) => ({ id: c.unit.company.id, version: await versionOf("company", c.unit.company.id), nameZh: c.unit.company.nameZh, countryCode: "CN", ownershipType: "PRIVATE", industry: uniq() })),
  },
  "app/(app)/companies/actions.ts#mergeCompaniesAction": {
    roles: MANAGERS,
    scope: "unit",
    // A unit manager may not merge companies with another unit's projects (lib/domain/scope.ts mayMergeCompanies).
    otherUnit: "invalid()",
    run: form(async (c) => {
      const pair = [`${c.ds.tag}合并甲${uniq()}`, `${c.ds.tag}合并乙${uniq()}`];
      const [survivor, merged] = await Promise.all(pair.map((nameZh) => testDb().company.create({ data: { nameZh, countryCode: "CN", ownershipType: "PRIVATE" } })));
      await testDb().project.create({ data: { companyId: merged.id, unitId: c.unit.id, ownerId: c.unit.owner.id, title: `${c.ds.tag}合并项目${uniq()}`, stage: "NEGOTIATION" } });
      return { survivorId: survivor.id, survivorVersion: survivor.version, mergedId: merged.id, mergedVersion: merged.version };
    }),
  },
  "app/(app)/companies/actions.ts#addContactAction": { roles: ANY_ROLE, scope: "all", run: form((c) => ({ companyId: c.unit.company.id, name: "matrix", requestId: rid() })) },
  "app/(app)/companies/actions.ts#updateContactAction": {
    roles: ANY_ROLE,
    scope: "all",
    run: form(async (c) => ({ id: c.unit.contact, version: await versionOf("contact", c.unit.contact), name: `matrix ${uniq()}` })),
  },
  "app/(app)/companies/actions.ts#removeContactAction": {
    roles: ANY_ROLE,
    scope: "all",
    run: form(async (c) => ({ id: (await testDb().contact.create({ data: { companyId: c.unit.company.id, name: "to remove" } })).id, version: 1 })),
  },

  // Events: every user sees them, so another unit's event is forbidden rather than hidden
  "app/(app)/events/actions.ts#createEventAction": {
    roles: MANAGERS,
    scope: "unit",
    otherUnit: "forbidden",
    run: form((c) => ({ nameZh: `${c.ds.tag}活动${uniq()}`, cityZh: "深圳", startsOn: ymd(5), endsOn: ymd(6), unitId: c.unit.id, requestId: rid() })),
  },
  "app/(app)/events/actions.ts#updateEventAction": {
    roles: MANAGERS,
    scope: "unit",
    otherUnit: "forbidden",
    run: form(async (c) => ({ id: c.unit.event, version: await versionOf("promotion_event", c.unit.event), nameZh: `${c.ds.tag}活动${uniq()}`, cityZh: "上海", startsOn: ymd(-10), endsOn: ymd(-9), unitId: c.unit.id })),
  },

  // Administration: admins only, every unit
  "app/(app)/admin/users/actions.ts#createUserAction": {
    roles: ADMIN,
    scope: "all",
    run: form((c) => ({ name: "matrix user", email: `${c.ds.tag}-${uniq()}@test.local`, role: "OFFICER", unitId: c.unit.id, password: "a long enough password", requestId: rid() })),
  },
  "app/(app)/admin/users/actions.ts#updateUserAccessAction": {
    roles: ADMIN,
    scope: "all",
    run: form(async (c) => ({ id: c.unit.subjectUser, version: await versionOf("app_user", c.unit.subjectUser), role: "OFFICER", unitId: c.unit.id })),
  },
  "app/(app)/admin/users/actions.ts#setUserDisabledAction": {
    roles: ADMIN,
    scope: "all",
    run: form(async (c) => ({ id: c.unit.subjectUser, version: await versionOf("app_user", c.unit.subjectUser), disabled: await flip("app_user", c.unit.subjectUser, "disabled_at") })),
  },
  "app/(app)/admin/users/actions.ts#resetPasswordAction": {
    roles: ADMIN,
    scope: "all",
    run: form(async (c) => ({ id: c.unit.subjectUser, version: await versionOf("app_user", c.unit.subjectUser), password: `a new password ${uniq()}` })),
  },
  "app/(app)/admin/settings/actions.ts#updateMilestoneSettingsAction": {
    roles: ADMIN,
    scope: "all",
    run: form(async () => ({ version: (await testDb().installationSetting.findUnique({ where: { id: 1 } }))?.version ?? 1, warnDays: 30, fundsBehindPercent: 20, stallFirstContact: 30, stallIntent: 30, stallNegotiation: 30, stallSigned: 30 })),
  },
  "app/(app)/admin/targets/actions.ts#saveTargetsAction": {
    roles: ADMIN,
    scope: "all",
    run: form((c) => ({ year: 2040, [`t_${c.unit.id}_SIGNED`]: "5" })),
  },
  "app/(app)/admin/targets/actions.ts#importTargetsAction": {
    roles: ADMIN,
    scope: "all",
    run: async (c) => {
      const { code } = await testDb().unit.findUniqueOrThrow({ where: { id: c.unit.id }, select: { code: true } });
      const data = new FormData();
      data.set("year", "2041");
      data.set("file", new File([`单位编码,签约项目数\n${code},3\n`], "targets.csv", { type: "text/csv" }));
      return async (fn) => outcomeOf(await (fn as (prev: unknown, fd: FormData) => Promise<ActionResult<unknown>>)(null, data));
    },
  },
  "app/(app)/admin/targets/actions.ts#updateAssessmentSettingsAction": {
    roles: ADMIN,
    scope: "all",
    run: form(async () => ({ version: (await testDb().installationSetting.findUnique({ where: { id: 1 } }))?.version ?? 1, method: "SHARE", deductionPerLateStart: 2 })),
  },
  "app/(app)/admin/targets/actions.ts#updateActivityWeightsAction": {
    roles: ADMIN,
    scope: "all",
    run: form(async () => ({ version: (await testDb().installationSetting.findUnique({ where: { id: 1 } }))?.version ?? 1, rounds: 1, visitsOut: 2, visitsIn: 2, events: 3, leads: 2, signings: 10, starts: 10 })),
  },
  "app/(app)/admin/notifications/actions.ts#updateNotificationSettingsAction": {
    roles: ADMIN,
    scope: "all",
    run: form(async () => ({ version: (await testDb().notificationSetting.findUnique({ where: { id: 1 } }))?.version ?? 1, digestTime: "08:30", ownerOnlyDays: 3, copyManagerDays: 5, highRiskDays: 7 })),
  },
  "app/(app)/admin/notifications/actions.ts#saveWebhookAction": {
    roles: ADMIN,
    scope: "all",
    run: form((c) => ({ unitId: c.unit.id, channel: "WECOM", url: "https://robot.invalid/hook" })),
  },
  "app/(app)/notifications/actions.ts#markReadAction": { roles: ANY_ROLE, scope: "all", run: form(() => ({})) },
  "app/(app)/notifications/actions.ts#savePreferencesAction": {
    roles: ANY_ROLE,
    scope: "all",
    run: form(async (c) => ({ version: (c.caller && (await testDb().notificationPreference.findUnique({ where: { userId: c.caller.id } }))?.version) || 1, locale: "en", "kind.DIGEST": "on", "channel.EMAIL": "on" })),
  },
  // Rules off (no threshold, no sector): the matrix shares its database with the counting tests of other files.
  "app/(app)/admin/settings/actions.ts#updateCountingRulesAction": {
    roles: ADMIN,
    scope: "all",
    run: form(async () => ({ version: (await testDb().installationSetting.findUnique({ where: { id: 1 } }))?.version ?? 1 })),
  },
  "app/(app)/admin/units/actions.ts#createUnitAction": {
    roles: ADMIN,
    scope: "all",
    run: form((c) => ({ code: `${c.ds.tag}-${uniq()}`, nameZh: "矩阵县", nameEn: "Matrix County", kind: "COUNTY", requestId: rid() })),
  },
  "app/(app)/admin/units/actions.ts#renameUnitAction": {
    roles: ADMIN,
    scope: "all",
    run: form(async (c) => ({ id: c.ds.subjectUnit, version: await versionOf("unit", c.ds.subjectUnit), nameZh: `矩阵${uniq()}`, nameEn: `Matrix ${uniq()}` })),
  },
  "app/(app)/admin/units/actions.ts#setUnitRetiredAction": {
    roles: ADMIN,
    scope: "all",
    run: form(async (c) => ({ id: c.ds.subjectUnit, version: await versionOf("unit", c.ds.subjectUnit), retired: await flip("unit", c.ds.subjectUnit, "retired_at") })),
  },
  "app/(app)/admin/reference/actions.ts#createReferenceItemAction": {
    roles: ADMIN,
    scope: "all",
    run: form((c) => ({ kind: "SECTOR", code: `${c.ds.tag}-${uniq()}`, nameZh: "矩阵行业", nameEn: "Matrix sector", requestId: rid() })),
  },
  "app/(app)/admin/reference/actions.ts#renameReferenceItemAction": {
    roles: ADMIN,
    scope: "all",
    run: form(async (c) => ({ id: c.ds.subjectReference, version: await versionOf("reference_item", c.ds.subjectReference), nameZh: `来源${uniq()}`, nameEn: `Source ${uniq()}` })),
  },
  "app/(app)/admin/reference/actions.ts#setReferenceItemRetiredAction": {
    roles: ADMIN,
    scope: "all",
    run: form(async (c) => ({ id: c.ds.subjectReference, version: await versionOf("reference_item", c.ds.subjectReference), retired: await flip("reference_item", c.ds.subjectReference, "retired_at") })),
  },
  "app/(app)/admin/tokens/actions.ts#createApiTokenAction": { roles: ADMIN, scope: "all", run: form(() => ({ name: `matrix ${uniq()}`, expiresOn: ymd(30), requestId: rid() })) },
  "app/(app)/admin/tokens/actions.ts#revokeApiTokenAction": {
    roles: ADMIN,
    scope: "all",
    run: form(async (c) => {
      const token = await createApiToken(testDb(), { id: c.ds.actors.admin.id, role: "ADMIN" }, { name: `to revoke ${uniq()}`, expiresOn: new Date(`${ymd(30)}T00:00:00Z`), requestId: rid() });
      return { id: token.id };
    }),
  },

  // Route handlers
  "app/api/health/route.ts#GET": { roles: "public", scope: "all", run: route(() => ({ url: "/api/health" })) },
  "app/api/auth/[...nextauth]/route.ts#GET": { roles: "public", scope: "all", run: route(() => ({ url: "/api/auth/providers", params: { nextauth: ["providers"] } })) },
  "app/api/auth/[...nextauth]/route.ts#POST": { roles: "public", scope: "all", run: route(() => ({ url: "/api/auth/_log", init: { method: "POST" }, params: { nextauth: ["_log"] } })) },
  "app/api/import/projects/route.ts#POST": { roles: ADMIN, scope: "all", tokens: true, run: route((c) => ({ url: "/api/import/projects", init: { method: "POST", body: csvUpload(c) } })) },
  "app/api/import/template.csv/route.ts#GET": { roles: ADMIN, scope: "all", tokens: true, run: route(() => ({ url: "/api/import/template.csv" })) },
  "app/api/import/template.xlsx/route.ts#GET": { roles: ADMIN, scope: "all", tokens: true, run: route(() => ({ url: "/api/import/template.xlsx" })) },
  "app/api/attachments/route.ts#POST": { roles: ANY_ROLE, scope: "unit", run: async (c) => { const body = await attachmentUpload(c); return route(() => ({ url: "/api/attachments", init: { method: "POST", body } }))(c); } },
  "app/api/attachments/[id]/route.ts#GET": { roles: ANY_ROLE, scope: "unit", run: async (c) => { const id = await attachmentOf(c); return route(() => ({ url: `/api/attachments/${id}`, params: { id: String(id) } }))(c); } },
  "app/api/assessment/[file]/route.ts#GET": {
    roles: MANAGERS,
    scope: "all", // a county manager's sheet is their own unit's
    tokens: true,
    run: route(() => ({ url: "/api/assessment/2024.json", params: { file: "2024.json" } })),
  },
  "app/api/reports/[file]/route.ts#GET": {
    roles: MANAGERS,
    scope: "unit",
    otherUnit: "forbidden", // units are public; another unit's report is refused
    tokens: true,
    run: route((c) => ({ url: `/api/reports/2024-Q1.json?unit=${c.unit.id}`, params: { file: "2024-Q1.json" } })),
  },
};
