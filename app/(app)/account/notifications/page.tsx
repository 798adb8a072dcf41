import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { getPreferences } from "@/lib/data/notifications";
import { PageHeader } from "@/components/ui/page-header";
import { PreferencesForm } from "@/components/notifications/preferences-form";

export default async function NotificationPreferencesPage() {
  const user = await requireUser();
  const [t, prefs] = await Promise.all([getTranslations("notifications.preferences"), getPreferences(db(), user)]);
  return (
    <>
      <PageHeader title={t("title")} description={t("intro")} />
      <PreferencesForm mutedKinds={prefs.mutedKinds} channels={prefs.channels} locale={prefs.locale} version={prefs.version} />
    </>
  );
}
