import type { ComponentProps } from "react";
import { TextField } from "@/components/ui/text-field";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/auth/password-policy";

type Props = Omit<ComponentProps<typeof TextField>, "type" | "required" | "minLength" | "maxLength" | "autoComplete">;

/**
 * A password being chosen (an account created, a reset, a user's own change): required, of the policy's length
 * (lib/auth/password-policy.ts, as zPassword checks it on the server), and marked new for password managers.
 */
export function NewPasswordField(props: Props) {
  return <TextField type="password" required minLength={PASSWORD_MIN} maxLength={PASSWORD_MAX} autoComplete="new-password" {...props} />;
}
