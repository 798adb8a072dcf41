import { spawn } from "node:child_process";
import path from "node:path";

const PRISMA_BIN = path.join(process.cwd(), "node_modules", ".bin", "prisma");

/**
 * Applies the committed migrations (prisma migrate deploy) to `url`.
 * Asynchronous on purpose: the embedded database may be served by this very
 * process, and a blocking spawn would leave it unable to answer.
 */
export function migrateDeploy(url: string, { quiet = false } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(PRISMA_BIN, ["migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: quiet ? "pipe" : "inherit",
    });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) return resolve();
      if (quiet) process.stderr.write(output);
      reject(new Error(`prisma migrate deploy failed (exit ${code})`));
    });
  });
}
