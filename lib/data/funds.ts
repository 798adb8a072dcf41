import "server-only";
/**
 * Funds actually in place (the basis of "actually utilized" investment):
 * recorded on signed projects only, dated between the signing and today.
 */
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import { projectScope } from "@/lib/data/sql-rules";
import { writeAudit } from "@/lib/audit/write-audit";
import { NotFoundError, RuleError } from "@/lib/errors";
import { createOnce, type Tx } from "@/lib/data/transactions";
import type { RecordFundsInput } from "@/lib/validation/stage";
import { isFunded } from "@/lib/domain/stages";
import { assertJourneyDate } from "@/lib/domain/journey-dates";
import { isoDay as isoDate } from "@/lib/domain/period";

type Actor = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;

export type RecordFundsResult = { id: number; projectId: number };

export async function recordFunds(db: Db, user: Actor, input: RecordFundsInput): Promise<RecordFundsResult> {
  const findExisting = async (tx: Tx): Promise<RecordFundsResult | null> =>
    tx.fundsInPlace.findFirst({
      where: { requestId: input.requestId, project: { id: input.projectId, ...projectScope(user) } },
      select: { id: true, projectId: true },
    });

  return createOnce(db, findExisting, async (tx) => {
    const project = await tx.project.findFirst({
      where: { id: input.projectId, ...projectScope(user) },
      select: {
        id: true,
        stage: true,
        firstContactOn: true,
        contracts: { orderBy: [{ signedOn: "asc" }, { id: "asc" }], take: 1, select: { signedOn: true } },
        starts: { orderBy: [{ startedOn: "asc" }, { id: "asc" }], take: 1, select: { startedOn: true } },
      },
    });
    if (!project) throw new NotFoundError();
    if (!isFunded(project.stage)) throw new RuleError("journey.rules.fundsNotSigned");
    const [contract] = project.contracts;
    if (!contract) throw new RuleError("journey.rules.fundsNotSigned");
    // The dates in order: first contact ≤ signing ≤ start ≤ funds (lib/domain/journey-dates.ts).
    assertJourneyDate("receivedOn", "funds", isoDate(input.receivedOn), {
      firstContact: isoDate(project.firstContactOn),
      signed: isoDate(contract.signedOn),
      start: project.starts[0] && isoDate(project.starts[0].startedOn),
    });
    const funds = await tx.fundsInPlace.create({
      data: {
        projectId: project.id,
        amount: input.amount,
        currency: input.currency,
        receivedOn: input.receivedOn,
        note: input.note ?? null,
        createdById: user.id,
        requestId: input.requestId,
      },
      select: { id: true, projectId: true, amount: true, currency: true, receivedOn: true, note: true },
    });
    await writeAudit(tx, { actorId: user.id, action: "funds.create", entity: "funds_in_place", entityId: funds.id, before: null, after: funds });
    return { id: funds.id, projectId: funds.projectId };
  });
}
