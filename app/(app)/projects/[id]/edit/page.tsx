import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { getProjectForEdit } from "@/lib/data/projects";
import { projectOptions } from "@/lib/data/project-options";
import { NotFoundError } from "@/lib/errors";
import { zId } from "@/lib/validation/fields";
import { PageHeader } from "@/components/ui/page-header";
import { ProjectForm } from "@/components/projects/project-form";
import { searchAnchorsAction, searchCompaniesAction, updateProjectAction } from "../../actions";

export async function generateMetadata() {
  const t = await getTranslations("projects.form");
  return { title: t("editTitle") };
}

export default async function EditProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = zId.safeParse((await params).id);
  if (!id.success) notFound();
  const project = await getProjectForEdit(db(), user, id.data).catch((error) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const t = await getTranslations("projects");
  const options = await projectOptions(db(), user, { forForm: true, keep: project.keepReferenceIds });
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/projects/${project.id}`} className="text-brand-700 hover:underline">
          ← {project.title}
        </Link>
      </p>
      <PageHeader title={t("form.editTitle")} description={project.title} />
      <div className="max-w-3xl">
        <ProjectForm
          mode="edit"
          action={updateProjectAction}
          searchCompanies={searchCompaniesAction}
          searchAnchors={searchAnchorsAction}
          options={options}
          projectId={project.id}
          version={project.version}
          initial={project.formValues}
          anchorTitle={project.anchorTitle}
        />
      </div>
    </>
  );
}
