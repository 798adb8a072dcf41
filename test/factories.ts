/**
 * Test data that cannot collide: every call makes new rows with a unique
 * suffix, so tests run in parallel on one database without a reset.
 */
import { randomUUID } from "node:crypto";
import { createPrismaClient, type Db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import type { Role, UnitKind } from "@/lib/generated/prisma/enums";

let shared: Db | undefined;

/** One client per test file, on the run's scratch database. */
export function testDb(): Db {
  shared ??= createPrismaClient(process.env.DATABASE_URL!, 4);
  return shared;
}

export const uniq = () => randomUUID().slice(0, 8);

export async function makeUnit(kind: UnitKind = "COUNTY") {
  const s = uniq();
  return testDb().unit.create({ data: { code: `u-${s}`, nameZh: `测试县${s}`, nameEn: `Test County ${s}`, kind } });
}

let cachedHash: Promise<string> | undefined;
export const TEST_PASSWORD = "correct horse battery staple";

export async function makeUser(opts: { role?: Role; unitId?: number; disabled?: boolean } = {}) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const unitId = opts.unitId ?? (await makeUnit()).id;
  const s = uniq();
  return testDb().user.create({
    data: {
      email: `user-${s}@test.local`,
      name: `Tester ${s}`,
      passwordHash: await cachedHash,
      role: opts.role ?? "OFFICER",
      unitId,
      disabledAt: opts.disabled ? new Date() : null,
    },
  });
}
