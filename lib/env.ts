/**
 * The environment, validated once at start-up. A missing or bad variable stops
 * the process with a message naming it (see .env.example for each one).
 */
import { z } from "zod";

const envSchema = z.object({
  DATABASE_URL: z
    .string({ error: "is required (scripts/start.ts sets it for the embedded database)" })
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
  NEXTAUTH_SECRET: z
    .string({ error: "is required: a random string of at least 32 characters" })
    .min(32, "must be at least 32 characters"),
  NEXTAUTH_URL: z.url("must be the app's public URL, e.g. http://localhost:3000").optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  TRUSTED_PROXY_HOPS: z.coerce
    .number({ error: "must be a whole number: how many proxies in front append to X-Forwarded-For (0 for none)" })
    .int("must be a whole number")
    .min(0, "must be 0 or more")
    .max(5, "must be at most 5")
    .default(0),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  /** Reminder email (lib/notify/channels.ts); without it no email is sent. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.gov.cn:587").optional(),
  SMTP_FROM: z.email("must be an email address, e.g. crm@example.gov.cn").optional(),
  NOTIFY_WORKER: z.enum(["0", "1"], { error: "must be 0 (no reminder worker here) or 1" }).optional(),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join("\n")}\nSee .env.example.`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment of this process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
