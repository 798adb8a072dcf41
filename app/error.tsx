"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** Never shows the error itself: production messages are redacted, and users get words. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <main className="mx-auto max-w-lg px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">{t("serverTitle")}</h1>
      <p className="mt-2 text-slate-600">{t("serverBody")}</p>
      <Button variant="secondary" className="mt-6" onClick={reset}>
        {t("retry")}
      </Button>
    </main>
  );
}
