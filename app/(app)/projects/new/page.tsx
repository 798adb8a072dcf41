import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { may } from "@/lib/domain/policy";
import { seesAllUnits } from "@/lib/domain/scope";
import { db } from "@/lib/db";
import { projectOptions } from "@/lib/data/project-options";
import { PageHeader } from "@/components/ui/page-header";
import { ProjectForm } from "@/components/projects/project-form";
import { createProjectAction, searchAnchorsAction, searchCompaniesAction } from "../actions";

export async function generateMetadata() {
  const t = await getTranslations("projects.form");
  return { title: t("createTitle") };
}

export default async function NewProjectPage() {
  const user = await requireUser();
  const t = await getTranslations("projects");
  const options = await projectOptions(db(), user, { forForm: true });
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/projects" className="text-brand-700 hover:underline">
          ← {t("back")}
        </Link>
      </p>
      <PageHeader title={t("form.createTitle")} />
      <div className="max-w-3xl">
        <ProjectForm
          mode="create"
          action={createProjectAction}
          searchCompanies={searchCompaniesAction}
          searchAnchors={searchAnchorsAction}
          options={options}
          userId={user.id}
          defaultUnitId={user.unitId}
          chooseUnit={seesAllUnits(user)}
          chooseOwner={may(user, "reassignOwners")}
        />
      </div>
    </>
  );
}
