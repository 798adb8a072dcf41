/**
 * The benchmarks' HTTP actors against a production server of the app: signing in through next-auth, and officers
 * logging rounds through the round form's server action. One copy for scripts/bench.ts, bench-writers.ts,
 * bench-statements.ts and bench-digest.ts.
 */
import type pg from "pg";

function cookiesOf(res: Response, jar: Map<string, string>) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const i = pair.indexOf("=");
    jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** Signs in through next-auth's credentials endpoint; returns the session cookies. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  cookiesOf(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  cookiesOf(res, jar);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in failed for ${email} (${res.status})`);
  return cookieHeader(jar);
}

/** An officer signed in, with an open project of their own to log rounds on. */
export type Writer = { cookie: string; projectId: number };

/**
 * The id of the server action `logRoundAction` in the build at `base`, read where the browser reads it: the
 * project page's JavaScript (`createServerReference("<id>", …, "logRoundAction")`). BENCH_ROUND_ACTION_ID overrides.
 */
export async function roundActionId(base: string, cookie: string, projectId: number): Promise<string> {
  if (process.env.BENCH_ROUND_ACTION_ID) return process.env.BENCH_ROUND_ACTION_ID;
  const html = await (await fetch(`${base}/projects/${projectId}`, { headers: { cookie } })).text();
  const scripts = [...new Set([...html.matchAll(/\/_next\/static\/[^"'\s\\]+?\.js/g)].map((m) => m[0]))];
  for (const src of scripts) {
    const js = await (await fetch(`${base}${src}`)).text();
    const m = js.match(/createServerReference\)\(\s*"([0-9a-f]{20,})"[^)]*?"logRoundAction"\s*\)/);
    if (m) return m[1];
  }
  throw new Error("logRoundAction's id not found in the project page's scripts: set BENCH_ROUND_ACTION_ID");
}

/**
 * Logs one round as the round form does: a POST of the server action (React's reply encoding of
 * `(previousState, formData)`: the arguments in field "0", the form's fields prefixed "_1_", "0" sent last).
 * `by` (the script) ends the round's summary, so a database shows which bench wrote its rounds. Returns the time,
 * whether the action answered ok, and the reply's size.
 */
export async function logRoundHttp(base: string, actionId: string, w: Writer, by: string): Promise<{ ms: number; ok: boolean; bytes: number }> {
  const form = new FormData();
  const fields: Record<string, string> = {
    projectId: String(w.projectId),
    requestId: crypto.randomUUID(),
    format: "PHONE",
    summary: `Bench: 电话沟通用地与能耗指标 (${by})`,
    "topics[]": "land",
  };
  for (const [k, v] of Object.entries(fields)) form.append(`_1_${k}`, v);
  form.append("0", JSON.stringify([null, "$K1"])); // last, as React sends it: the server reads the arguments when "0" arrives
  const t = performance.now();
  const res = await fetch(`${base}/projects/${w.projectId}`, {
    method: "POST",
    headers: { cookie: w.cookie, "next-action": actionId, accept: "text/x-component", origin: base },
    body: form,
    redirect: "manual",
  });
  const text = await res.text();
  return { ms: performance.now() - t, ok: res.status === 200 && text.includes('"ok":true'), bytes: Buffer.byteLength(text) };
}

/** `n` officers of the large data set (in `pool`'s database), each with an open project of their own, signed in at `base`. */
export async function officersWithProjects(pool: Pick<pg.Pool, "query">, base: string, n: number, password: string): Promise<Writer[]> {
  const { rows } = await pool.query<{ email: string; project_id: number }>(
    `SELECT DISTINCT ON (a.id) a.email, p.id AS project_id
       FROM app_user a JOIN project p ON p.owner_id = a.id AND p.stage IN ('INTENT', 'NEGOTIATION')
      WHERE a.email LIKE 'large-officer-%@bench.local' ORDER BY a.id, p.id LIMIT $1`,
    [n],
  );
  if (rows.length < n) throw new Error(`only ${rows.length} officers with an open project (need ${n})`);
  // One after another: each sign-in hashes a password (Argon2), ten at once time out on a busy machine.
  const writers: Writer[] = [];
  for (const r of rows) writers.push({ cookie: await signIn(base, r.email, password), projectId: r.project_id });
  return writers;
}
