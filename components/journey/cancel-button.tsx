"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** Closes a journey form opened on demand (JourneyActions); nothing where the form is not closable. */
export function CancelButton({ onCancel }: { onCancel?: () => void }) {
  const t = useTranslations("journey.actions");
  if (!onCancel) return null;
  return (
    <Button variant="secondary" onClick={onCancel}>
      {t("cancel")}
    </Button>
  );
}
