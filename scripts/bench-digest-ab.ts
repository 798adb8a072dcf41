/**
 * The morning digest before and after a change, side by side on the same data and in the same run (issue 17,
 * the digest's stalled count): `digest()` of this checkout against the one in BENCH_DIGEST_BEFORE (a copy of an
 * earlier lib/notify/digest.ts placed beside it, e.g. `git show 30285d7:lib/notify/digest.ts >
 * lib/notify/digest-before.ts`), alternating which goes first, BENCH_AB_ROUNDS times (default 4), each run after
 * deleting that day's digests. Two settings: digest()'s defaults (as the worker runs it: slices and pauses) and the
 * same slices with no pause (the database work alone). Then, as a check, the counts both wrote are the same but for
 * the new stalled count, and for a few users the project list behind the stalled link holds that many projects.
 *
 * DATABASE_URL: a copy of tpl_100k already set up by `npm run bench:digest` (its users and morning reminders).
 * Run: DATABASE_URL=… BENCH_DIGEST_BEFORE=../lib/notify/digest-before npx tsx --conditions=react-server scripts/bench-digest-ab.ts
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import { createPrismaClient } from "../lib/db";
import { digest } from "../lib/notify/digest";
import { renderNotification } from "../lib/notify/render";
import { listProjects } from "../lib/data/project-list";
import { fromSearchParams } from "../lib/domain/project-filter";
import { todayDate } from "../lib/validation/fields";

const url = process.env.DATABASE_URL ?? "";
const BEFORE = process.env.BENCH_DIGEST_BEFORE ?? "../lib/notify/digest-before";
const ROUNDS = Number(process.env.BENCH_AB_ROUNDS ?? 4);
const DAY = process.env.BENCH_DIGEST_DAY ?? "2026-11-30";
const now = new Date(`${DAY}T08:30:00+08:00`);
const today = todayDate(now);

type DigestFn = typeof digest;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  if (!url) throw new Error("DATABASE_URL is not set");
  const before = (await import(BEFORE)).digest as DigestFn;
  const db = createPrismaClient(url, 4);
  const clear = () => db.$executeRaw`DELETE FROM notification WHERE kind = 'DIGEST' AND occasion = ${DAY}`;
  const load = () => os.loadavg().map((n) => n.toFixed(1)).join(", ");
  const loadStart = load();
  const settings = [
    { name: "defaults (slices, pause 2x)", options: {} },
    { name: "slices, no pause (database work alone)", options: { yieldFactor: 0 } },
  ];
  const times: Record<string, { before: number[]; after: number[] }> = {};
  const written: Record<string, number> = {};
  for (const s of settings) {
    times[s.name] = { before: [], after: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order: ["before" | "after", DigestFn][] = round % 2 === 0 ? [["before", before], ["after", digest]] : [["after", digest], ["before", before]];
      for (const [which, fn] of order) {
        await clear();
        const t = performance.now();
        written[which] = await fn(db, today, { email: true, ...s.options });
        const ms = performance.now() - t;
        times[s.name][which].push(ms);
        console.log(`${s.name}, round ${round + 1}, ${which}: ${ms.toFixed(0)} ms, ${written[which]} digests (load ${load()})`);
      }
    }
  }
  console.log(`\nLoad average (1, 5, 15 min) at start / end: ${loadStart} / ${load()}`);
  console.log("| digest() | before median ms | after median ms | after / before | runs each |\n| --- | ---: | ---: | ---: | ---: |");
  for (const s of settings) {
    const t = times[s.name];
    console.log(`| ${s.name} | ${median(t.before).toFixed(0)} | ${median(t.after).toFixed(0)} | ${(median(t.after) / median(t.before)).toFixed(2)} | ${ROUNDS} |`);
    console.log(`  runs before: ${t.before.map((x) => x.toFixed(0)).join(", ")}; after: ${t.after.map((x) => x.toFixed(0)).join(", ")}`);
  }

  // The check: the same counts but for stalled (the last run above was "after" or "before": write both again).
  await clear();
  await before(db, today, { email: false, yieldFactor: 0 });
  const old = new Map((await db.notification.findMany({ where: { kind: "DIGEST", occasion: DAY } })).map((n) => [n.userId, n.data as Record<string, unknown>]));
  await clear();
  await digest(db, today, { email: false, yieldFactor: 0 });
  const fresh = await db.notification.findMany({ where: { kind: "DIGEST", occasion: DAY }, include: { user: { include: { unit: true } } } });
  let same = 0;
  let differ = 0;
  let onlyStalled = 0;
  for (const n of fresh) {
    const { stalled, stalledOwnerId, ...rest } = n.data as Record<string, unknown>;
    void stalledOwnerId;
    const o = old.get(n.userId);
    if (!o) {
      onlyStalled += (stalled as number) > 0 ? 1 : 0;
      continue;
    }
    if (JSON.stringify(rest, Object.keys(rest).sort()) === JSON.stringify(o, Object.keys(o).sort())) same++;
    else differ++;
  }
  console.log(`\nCheck: ${fresh.length} digests after, ${old.size} before; ${same} with the same counts but stalled, ${differ} differing, ${onlyStalled} new ones only for stalled projects.`);
  const sample = [...new Map(fresh.map((n) => [n.user.role, n])).values()];
  for (const n of sample) {
    const [link] = renderNotification({ id: n.id, kind: n.kind, projectId: null, projectTitle: null, data: n.data }, "en").links;
    const stalled = (n.data as { stalled: number }).stalled;
    if (!link) {
      console.log(`  ${n.user.role} ${n.userId}: stalled ${stalled}, no link`);
      continue;
    }
    const list = await listProjects(db, { id: n.userId, role: n.user.role, unitId: n.user.unitId, unitIsCity: n.user.unit.kind === "CITY" }, fromSearchParams(new URL(link.href, "http://x").searchParams), now);
    console.log(`  ${n.user.role} ${n.userId}: digest says ${stalled} stalled; the list behind ${link.href} counts ${list.total}${list.totalIsAtLeast ? "+ (capped)" : ""}`);
  }
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
