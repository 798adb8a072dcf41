import { inject } from "vitest";

// Every test file sees the run's scratch database and a test secret.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET ??= "test-secret-not-for-production-0123456789abcdef";
