import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "@/components/shell/locale-switcher";

/**
 * The frame of the pages outside the app shell (signing in, changing one's
 * password): the app's name and the language switch over one card titled `title`.
 */
export async function AuthCard({ title, children }: { title: string; children: React.ReactNode }) {
  const t = await getTranslations("app");
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-start justify-between gap-4">
          <div>
            <h1 className="text-xl font-semibold text-brand-900">{t("name")}</h1>
            <p className="mt-1 text-sm text-slate-600">{t("tagline")}</p>
          </div>
          <LocaleSwitcher />
        </div>
        <section aria-labelledby="auth-card-title" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="auth-card-title" className="mb-4 text-lg font-medium">
            {title}
          </h2>
          {children}
        </section>
      </div>
    </main>
  );
}
