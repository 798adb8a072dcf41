import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** The way back up: to the Admin index, or to a section. */
export async function BackToAdmin({ href = "/admin", label }: { href?: string; label?: string }) {
  const t = await getTranslations("admin");
  return (
    <nav className="mb-2 text-sm">
      <Link href={href} className="text-brand-700 hover:underline">
        ← {label ?? t("back")}
      </Link>
    </nav>
  );
}
