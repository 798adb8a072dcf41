import { getLocale, getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/current-user";
import { ROLES_FOR } from "@/lib/domain/policy";
import { db } from "@/lib/db";
import { listOrganiserUnits } from "@/lib/data/events";
import { PageHeader } from "@/components/ui/page-header";
import { EventForm } from "@/components/events/event-form";

export default async function NewEventPage() {
  const user = await requirePageRole(...ROLES_FOR.manageEvents);
  const [t, locale] = await Promise.all([getTranslations("events"), getLocale()]);
  const units = await listOrganiserUnits(db(), user);
  return (
    <>
      <PageHeader title={t("newTitle")} />
      <EventForm units={units.map((u) => ({ value: String(u.id), label: locale === "en" ? u.nameEn : u.nameZh }))} defaultUnitId={user.unitId} />
    </>
  );
}
