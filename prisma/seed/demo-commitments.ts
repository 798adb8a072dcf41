/**
 * The demo's commitments (issue 15): the battery anchor's milestones all
 * green (reached, or due well ahead) and its signed chain projects in mixed
 * colours (red, yellow, green in turn); a county project whose construction
 * start is past due (red) and whose production deadline was amended once; and
 * the county projects under an open supervision order red. Dates are relative
 * to the day of seeding, so the colours hold whenever the demo is installed.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { todayYmd } from "@/lib/validation/fields";
import { BATTERY_ANCHOR } from "./demo-stories";

type Tx = Prisma.TransactionClient;

/** A county project, signed and not started, whose start deadline has passed. */
export const RED_COUNTY_PROJECT = "拓冷热管理电池液冷板项目";

const DAY_MS = 86_400_000;
const inDays = (days: number) => new Date(Date.parse(`${todayYmd()}T00:00:00Z`) + days * DAY_MS);
const plus = (d: Date, days: number) => new Date(d.getTime() + days * DAY_MS);

export async function seedDemoCommitments(tx: Tx): Promise<void> {
  const projects = await tx.project.findMany({
    where: { title: { in: [BATTERY_ANCHOR.title, RED_COUNTY_PROJECT] } },
    select: {
      id: true,
      title: true,
      ownerId: true,
      contracts: { orderBy: { signedOn: "asc" }, take: 1, select: { id: true, signedOn: true } },
      starts: { orderBy: { startedOn: "asc" }, take: 1, select: { startedOn: true } },
    },
  });
  for (const p of projects) {
    const [contract] = p.contracts;
    if (!contract) continue;
    const base = { projectId: p.id, contractId: contract.id, createdById: p.ownerId, createdAt: plus(contract.signedOn, 1) };
    const signed = contract.signedOn;
    if (p.title === BATTERY_ANCHOR.title) {
      const started = p.starts[0]?.startedOn ?? plus(signed, 120);
      await tx.commitment.createMany({
        data: [
          { ...base, kind: "LAND_HANDOVER", dueOn: plus(signed, 60) },
          { ...base, kind: "CONSTRUCTION_START", dueOn: plus(started, 30) },
          { ...base, kind: "PRODUCTION", dueOn: inDays(180) },
          { ...base, kind: "FULL_PRODUCTION", dueOn: inDays(540) },
          { ...base, kind: "STATISTICS", dueOn: inDays(600) },
          { ...base, kind: "INVESTMENT_TOTAL", value: "21000000000" },
          { ...base, kind: "FIXED_ASSET", value: "18000000000" },
          { ...base, kind: "LAND", value: "1200" },
          { ...base, kind: "JOBS", value: "6000" },
          { ...base, kind: "ANNUAL_OUTPUT", value: "30000000000" },
          { ...base, kind: "ANNUAL_TAX", value: "1500000000" },
        ],
      });
      await tx.commitmentActual.createMany({
        data: [
          { projectId: p.id, kind: "LAND_HANDOVER", reportedOn: plus(signed, 45), createdById: p.ownerId },
          { projectId: p.id, kind: "JOBS", value: "1800", reportedOn: plus(started, 200), createdById: p.ownerId },
        ],
      });
    } else {
      await tx.commitment.createMany({
        data: [
          { ...base, kind: "LAND_HANDOVER", dueOn: plus(signed, 45) },
          { ...base, kind: "CONSTRUCTION_START", dueOn: inDays(-45) },
          { ...base, kind: "JOBS", value: "300" },
        ],
      });
      await tx.commitmentActual.createMany({ data: [{ projectId: p.id, kind: "LAND_HANDOVER", reportedOn: plus(signed, 40), createdById: p.ownerId }] });
      // The amended contract: production promised first in 200 days, then moved to 300 (the old promise kept).
      const first = await tx.commitment.create({ data: { ...base, kind: "PRODUCTION", dueOn: inDays(200) } });
      const amended = await tx.commitment.create({ data: { ...base, kind: "PRODUCTION", dueOn: inDays(300), createdAt: inDays(-20) } });
      await tx.commitment.update({ where: { id: first.id }, data: { replacedAt: inDays(-20), replacedById: amended.id, version: { increment: 1 } } });
    }
  }
  await seedChainColours(tx);
  await seedSupervisedRed(tx);
}

type Signed = { id: number; ownerId: number; contracts: { id: number; signedOn: Date }[]; starts: { startedOn: Date }[] };
const signedSelect = {
  id: true,
  ownerId: true,
  contracts: { orderBy: { signedOn: "asc" }, take: 1, select: { id: true, signedOn: true } },
  starts: { orderBy: { startedOn: "asc" }, take: 1, select: { startedOn: true } },
} as const;

/** A promise on the project's first contract, made the day after its signing. */
const promiseOf = (p: Signed, kind: "CONSTRUCTION_START" | "PRODUCTION" | "JOBS", due: Date | null, value?: string) => ({
  projectId: p.id,
  contractId: p.contracts[0].id,
  createdById: p.ownerId,
  createdAt: plus(p.contracts[0].signedOn, 1),
  kind,
  dueOn: due,
  value: value ?? null,
});

/** The battery anchor's signed suppliers: red (a deadline past), yellow (due in two weeks), green (months ahead), in turn. */
async function seedChainColours(tx: Tx) {
  const anchor = await tx.project.findFirst({ where: { title: BATTERY_ANCHOR.title }, select: { id: true } });
  if (!anchor) return;
  const chain: Signed[] = await tx.project.findMany({
    where: { anchorProjectId: anchor.id, stage: { in: ["SIGNED", "CONSTRUCTION", "OPERATING"] }, contracts: { some: {} }, commitments: { none: {} } },
    orderBy: { id: "asc" },
    select: signedSelect,
  });
  const data = chain.flatMap((p, i) => {
    const started = p.starts[0]?.startedOn;
    const due = [inDays(-20), inDays(14), inDays(240)][i % 3];
    // Started: the start deadline met, production is what is due. Not started: the start is.
    return started
      ? [promiseOf(p, "CONSTRUCTION_START", plus(started, 10)), promiseOf(p, "PRODUCTION", due), promiseOf(p, "JOBS", null, "200")]
      : [promiseOf(p, "CONSTRUCTION_START", due), promiseOf(p, "PRODUCTION", plus(due, 365)), promiseOf(p, "JOBS", null, "150")];
  });
  if (data.length > 0) await tx.commitment.createMany({ data });
}

/** The county projects under an open supervision order: a deadline past (red), as the order says. */
async function seedSupervisedRed(tx: Tx) {
  const supervised: Signed[] = await tx.project.findMany({
    where: { supervisionOrders: { some: { order: { status: "OPEN" } } }, contracts: { some: {} }, commitments: { none: {} } },
    orderBy: { id: "asc" },
    select: signedSelect,
  });
  const data = supervised.map((p) => (p.starts[0] ? promiseOf(p, "PRODUCTION", inDays(-10)) : promiseOf(p, "CONSTRUCTION_START", inDays(-30))));
  if (data.length > 0) await tx.commitment.createMany({ data });
}
