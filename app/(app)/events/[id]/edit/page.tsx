import { notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/current-user";
import { ROLES_FOR } from "@/lib/domain/policy";
import { db } from "@/lib/db";
import { getEventForEdit, listOrganiserUnits } from "@/lib/data/events";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { zId } from "@/lib/validation/fields";
import { PageHeader } from "@/components/ui/page-header";
import { EventForm } from "@/components/events/event-form";

export default async function EditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageRole(...ROLES_FOR.manageEvents);
  const id = zId.safeParse((await params).id);
  if (!id.success) notFound();
  const event = await getEventForEdit(db(), user, { id: id.data }).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    if (e instanceof ForbiddenError) redirect("/forbidden");
    throw e;
  });
  const [t, locale] = await Promise.all([getTranslations("events"), getLocale()]);
  const units = await listOrganiserUnits(db(), user);
  return (
    <>
      <PageHeader title={t("editTitle")} description={event.nameZh} />
      <EventForm initial={event} units={units.map((u) => ({ value: String(u.id), label: locale === "en" ? u.nameEn : u.nameZh }))} defaultUnitId={event.unitId} />
    </>
  );
}
