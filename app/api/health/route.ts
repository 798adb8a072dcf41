import { db } from "@/lib/db";
import { healthResponse } from "@/lib/health";

export const dynamic = "force-dynamic";

/** For load balancers, monitors and scripts/serve.ts: is this instance up and is its database answering (503 within 2 s if not)? */
export async function GET() {
  return healthResponse(db());
}
