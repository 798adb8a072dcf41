/** Set by scripts/start.ts when it serves the embedded database with demo data. */
export function isDemoMode(): boolean {
  return process.env.CRM_DEMO_MODE === "1";
}
