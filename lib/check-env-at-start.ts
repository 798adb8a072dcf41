// Bad configuration stops the server at start, with a message naming the variable.
import { EnvError, parseEnv } from "@/lib/env";

try {
  parseEnv(process.env);
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(error.message);
  process.exit(1);
}
