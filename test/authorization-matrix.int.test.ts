/**
 * The authorization matrix: every exported server action and route handler ×
 * every caller (nobody, a signed-out session, officer, county manager, city
 * manager, admin) × a
 * target in the caller's own county or another, run for real on PostgreSQL.
 * What to test is discovered from the code ("use server" modules and
 * route.ts files); what to expect is test/authorization-matrix.table.ts, so
 * a new export without an entry fails here. Only the session is faked (the
 * decoded session cookie), and the pieces of Next that exist only inside a
 * request.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ACTORS, TARGETS, fingerprint, makeDataset, sessionVersionOf, type ActorName, type Dataset, type Target } from "@/test/authorization-matrix.dataset";
import { MATRIX, type Entry, type Outcome } from "@/test/authorization-matrix.table";

const session = vi.hoisted(() => ({ claims: null as { uid: number; sv: number; signedInAt: number } | null }));
/** A session signed in just now (sessions end 12 hours after sign-in). */
const signedInAt = () => Math.floor(Date.now() / 1000);

// The signed-in user comes from the session cookie, decoded by next-auth's getToken (lib/auth/current-user.ts);
// the user, role and unit are then read from the database as in production.
vi.mock("next-auth/jwt", async (importOriginal) => ({ ...(await importOriginal<object>()), getToken: async () => session.claims }));
const requestScope = vi.hoisted(() => ({
  headers: async () => new Headers({ "accept-language": "en" }),
  cookies: async () => ({ get: () => undefined, getAll: () => [] as { name: string; value: string }[], has: () => false }),
}));
vi.mock("next/headers", () => requestScope);
// next-auth's route handler require()s next/headers itself, outside Vitest's module mocks (put back after the file).
const nextHeadersCjs = createRequire(import.meta.url)("next/headers") as Record<string, unknown>;
const realNextHeaders = { headers: nextHeadersCjs.headers, cookies: nextHeadersCjs.cookies };
Object.assign(nextHeadersCjs, requestScope);
afterAll(() => void Object.assign(nextHeadersCjs, realNextHeaders));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`redirect ${to}`);
  },
  notFound: () => {
    throw new Error("notFound");
  },
}));
vi.mock("next-intl/server", async () => {
  const { createTranslator } = await import("next-intl");
  const messages = (await import("@/messages/en")).default;
  return { getLocale: async () => "en", getTranslations: async (namespace?: string) => createTranslator({ locale: "en", messages, namespace: namespace as never }) };
});

process.env.NEXTAUTH_URL ??= "http://localhost";

const ROOT = path.resolve(import.meta.dirname, "..");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .map((f) => path.join(dir, f).split(path.sep).join("/"))
    .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.includes("/generated/"));
}

/** A module whose first statement is the "use server" directive. */
const isServerModule = (file: string) => /^(\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*["']use server["']/.test(readFileSync(path.join(ROOT, file), "utf8"));

/** "<file>#<export>" of every server action and route handler method, with the function. */
async function discover(): Promise<{ found: Map<string, (...args: never[]) => unknown>; inline: string[] }> {
  const found = new Map<string, (...args: never[]) => unknown>();
  const inline: string[] = [];
  const files = [...sourceFiles("app"), ...sourceFiles("components"), ...sourceFiles("lib")];
  for (const file of files) {
    const serverModule = isServerModule(file);
    // A "use server" inside a function makes an action this discovery cannot list: keep actions in their own modules.
    if (!serverModule && /["']use server["']/.test(readFileSync(path.join(ROOT, file), "utf8"))) inline.push(file);
    const routeFile = file.startsWith("app/") && /(^|\/)route\.tsx?$/.test(file);
    if (!serverModule && !routeFile) continue;
    const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (routeFile && !HTTP_METHODS.includes(name)) continue; // dynamic, runtime, maxDuration …
      found.set(`${file}#${name}`, value as (...args: never[]) => unknown);
    }
  }
  return { found, inline };
}

const { found: discovered, inline: inlineActions } = await discover();

/** City managers and admins see every unit; officers and county managers their own. */
const seesAllUnits = (actor: ActorName) => actor === "cityManager" || actor === "admin";

function expected(ds: Dataset, entry: Entry, actor: ActorName, target: Target, via: "session" | "token"): Outcome {
  if (entry.roles === "public") return "ok";
  if (actor === "anonymous" || actor === "signedOut") return "unauthenticated";
  const role = ds.actors[actor].role;
  if (via === "token" && role !== "ADMIN") return "forbidden";
  if (!entry.roles.includes(role)) return "forbidden";
  if (entry.scope === "unit" && target === "other" && !seesAllUnits(actor)) return entry.otherUnit ?? "not_found";
  return "ok";
}

let ds: Dataset;

/** What the caller presents: the decoded session cookie, or a bearer token; and who they are, for input builders. */
async function credentials(actor: ActorName, via: "session" | "token") {
  const cookie = { cookie: "next-auth.session-token=matrix" };
  if (actor === "anonymous") return { claims: null, headers: via === "token" ? { authorization: `Bearer crm_${"A".repeat(43)}` } : cookie, caller: undefined };
  if (actor === "signedOut") {
    // The admin's cookie from before a sign-out (its session version has moved on), or a revoked token.
    const admin = ds.actors.admin.id;
    return via === "token"
      ? { claims: null, headers: { authorization: `Bearer ${ds.revokedToken}` }, caller: undefined }
      : { claims: { uid: admin, sv: (await sessionVersionOf(admin)) - 1, signedInAt: signedInAt() }, headers: cookie, caller: undefined };
  }
  const user = ds.actors[actor];
  const caller = { id: user.id, unitId: actor === "cityManager" ? ds.cityUnit : ds.units.own.id };
  if (via === "token") return { claims: null, headers: { authorization: `Bearer ${user.apiToken}` }, caller };
  // The session's version as it is now: an allowed action may have moved it on (a password change signs out elsewhere).
  return { claims: { uid: user.id, sv: await sessionVersionOf(user.id), signedInAt: signedInAt() }, headers: cookie, caller };
}

beforeAll(async () => {
  ds = await makeDataset();
});

describe("authorization matrix", () => {
  it("has an entry for every server action and route handler, and no entry without one", () => {
    const missing = [...discovered.keys()].filter((key) => !(key in MATRIX)).map((key) => `new action ${key} has no entry in the authorization matrix`);
    const stale = Object.keys(MATRIX).filter((key) => !discovered.has(key)).map((key) => `matrix entry ${key} names no export`);
    const hidden = inlineActions.map((file) => `${file} has an inline "use server" function: move it to a "use server" module`);
    expect([...missing, ...stale, ...hidden]).toEqual([]);
    expect(discovered.size).toBeGreaterThan(30);
  });

  for (const [key, entry] of Object.entries(MATRIX)) {
    const fn = discovered.get(key);
    it.skipIf(!fn)(key, async () => {
      const mismatches: string[] = [];
      const vias = entry.tokens ? (["session", "token"] as const) : (["session"] as const);
      for (const via of vias) {
        for (const actor of ACTORS) {
          for (const target of TARGETS) {
            const want = expected(ds, entry, actor, target, via);
            const { claims, headers, caller } = await credentials(actor, via);
            session.claims = claims;
            const c = { ds, unit: ds.units[target], target, caller, headers };
            const refusal = want !== "ok";
            const call = await entry.run(c); // builds the input, maybe a fresh record to act on
            const before = refusal ? await fingerprint(ds) : undefined;
            let got: Outcome;
            try {
              got = await call(fn!);
            } catch (error) {
              got = `threw ${(error as Error).message}`;
            }
            const label = `${actor}${via === "token" ? " (API token)" : ""} on ${target} unit`;
            // A refused search returns nothing, whatever the reason.
            const comparable = got === "empty" && refusal ? want : got;
            if (comparable !== want) mismatches.push(`${label}: expected ${want}, got ${got}`);
            if (refusal && comparable === want) {
              const after = await fingerprint(ds);
              if (JSON.stringify(after) !== JSON.stringify(before)) mismatches.push(`${label}: refused (${got}) but the database changed`);
            }
          }
        }
      }
      session.claims = null;
      expect(mismatches).toEqual([]);
    });
  }
});
