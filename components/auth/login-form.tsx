"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

export function LoginForm({ callbackPath }: { callbackPath: string }) {
  const t = useTranslations("auth");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (result?.ok && !result.error) {
        // A full navigation so every server component sees the new session.
        window.location.assign(callbackPath);
        return;
      }
      setError(result?.error === "throttled" ? t("throttled") : result?.error === "CredentialsSignin" ? t("invalid") : t("failed"));
    } catch {
      setError(t("failed"));
    }
    setPending(false);
  }

  return (
    // method="post": a form sent before the page's script has loaded is sent by the browser itself, and a
    // GET would put the password in the address (history, server logs). Posted, it reaches the sign-in page again.
    <form method="post" onSubmit={onSubmit} noValidate aria-describedby={error ? "login-error" : undefined} className="space-y-4">
      <TextField name="email" type="email" label={t("email")} autoComplete="username" required autoFocus />
      <TextField name="password" type="password" label={t("password")} autoComplete="current-password" required />
      <p id="login-error" role="alert" aria-live="assertive" className="min-h-5 text-sm text-red-700">
        {error}
      </p>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
