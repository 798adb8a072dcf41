import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { unreadForShell, type CurrentUser } from "@/lib/auth/current-user";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { NavLinks } from "@/components/shell/nav-links";
import { MobileNav } from "@/components/shell/mobile-nav";
import { LocaleSwitcher } from "@/components/shell/locale-switcher";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { NotificationBell } from "@/components/shell/notification-bell";

export async function AppShell({ user, children }: { user: CurrentUser; children: React.ReactNode }) {
  const [t, locale, unread] = await Promise.all([getTranslations(), getLocale(), unreadForShell()]);
  const unit = locale === "en" ? user.unitNameEn : user.unitNameZh;
  const items = NAV_ITEMS.filter((item) => !item.roles || item.roles.includes(user.role)).map(({ href, key }) => ({ href, key }));
  const userBlock = (
    <div className="flex flex-wrap items-center gap-3">
      <p className="text-sm" data-testid="current-user">
        <span className="sr-only">{t("shell.signedInAs")} </span>
        <span className="font-medium">{user.name}</span>
        <span className="text-slate-500">
          {" · "}
          {t(`roles.${user.role}`)}
          {" · "}
          {unit}
        </span>
      </p>
      <NotificationBell unread={unread} />
      <LocaleSwitcher />
      <Link href="/account/notifications" className="text-sm text-brand-700 underline-offset-2 hover:underline">
        {t("notifications.preferencesLink")}
      </Link>
      <Link href="/account/password" className="text-sm text-brand-700 underline-offset-2 hover:underline">
        {t("shell.changePassword")}
      </Link>
      <SignOutButton />
    </div>
  );

  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
        {t("nav.skipToContent")}
      </a>
      <header className="relative border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-7xl items-center justify-between gap-4 px-4">
          <Link href="/" className="shrink-0 font-semibold text-brand-900">
            {t("app.name")}
          </Link>
          <div className="hidden lg:block">{userBlock}</div>
          <MobileNav items={items}>{userBlock}</MobileNav>
        </div>
        <nav aria-label={t("nav.label")} className="mx-auto hidden max-w-7xl px-2 pb-2 lg:block">
          <NavLinks items={items} />
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
