/**
 * Sign-in with the database gone: the caller is not signed in yet, so the
 * answer must be the generic "cannot sign in now" code, never the error's own
 * text (which named Prisma's call and the database server).
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import { authOptions, SIGN_IN_FAILED_ERROR } from "@/lib/auth/options";
import { makeUser, TEST_PASSWORD } from "@/test/factories";
import { startFaultProxy } from "@/test/fault-proxy";

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
const authorize: Authorize = (...args) => (authOptions().providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize(...args);

/** lib/db's process-wide client, which authorize uses: pointed at the database under test. */
const global = globalThis as unknown as { prisma?: Db };
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;

beforeAll(async () => {
  proxy = await startFaultProxy(process.env.DATABASE_URL!);
});

afterAll(async () => {
  await global.prisma?.$disconnect();
  await proxy.close();
});

async function closedPortUrl() {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  const url = new URL(process.env.DATABASE_URL!);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return url.toString();
}

describe("authorize when the database is unavailable", () => {
  it("signs in while the database answers, and answers only the generic code while it is gone", async () => {
    const user = await makeUser();
    global.prisma = createPrismaClient(proxy.url, 2);
    const req = { headers: { "x-forwarded-for": "203.0.113.7" } };
    expect(await authorize({ email: user.email, password: TEST_PASSWORD }, req)).toMatchObject({ id: String(user.id) });

    proxy.set("refuse");
    const refused = await authorize({ email: user.email, password: TEST_PASSWORD }, req).catch((error: Error) => error);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toBe(SIGN_IN_FAILED_ERROR);
    proxy.set("up");
  });

  it("on a database server that is not there at all (a closed port)", async () => {
    await global.prisma?.$disconnect();
    global.prisma = createPrismaClient(await closedPortUrl(), 2);
    const error = await authorize({ email: "someone@test.local", password: "wrong password 123" }, { headers: {} }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(SIGN_IN_FAILED_ERROR);
    expect((error as Error).message).not.toMatch(/prisma|database|invocation/i);
  });
});
