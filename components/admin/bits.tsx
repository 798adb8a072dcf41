"use client";

import { useTranslations } from "next-intl";
import { ConflictBox } from "@/components/ui/conflict-box";

/** A conflict's current values, for the fields the form shows. */
export function AdminConflict({ current, fields }: { current: Record<string, unknown> | null; fields: { key: string; label: string; show?: (v: unknown) => string }[] }) {
  const t = useTranslations("admin.common");
  if (!current) return null;
  const rows = fields.map((f) => ({ label: f.label, value: f.show ? f.show(current[f.key]) : current[f.key] == null ? t("none") : String(current[f.key]) }));
  return <ConflictBox title={t("conflictTitle")} hint={t("conflictHint")} rows={rows} />;
}
