import { db } from "@/lib/db";

export const dynamic = "force-dynamic";

/** For load balancers and monitors: is this instance up and is its database answering? */
export async function GET() {
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ status: "ok", db: "ok" });
  } catch (error) {
    console.error("health: database check failed", error);
    return Response.json({ status: "error", db: "unreachable" }, { status: 503 });
  }
}
