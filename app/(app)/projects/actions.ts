"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { getCurrentUser } from "@/lib/auth/current-user";
import { runAction } from "@/lib/actions/run-action";
import { formDataToObject } from "@/lib/actions/form-data";
import type { ActionResult } from "@/lib/actions/result";
import { createProject, reassignOwner, updateProject } from "@/lib/data/projects";
import { searchCompanies } from "@/lib/data/project-options";
import { searchAnchorProjects } from "@/lib/data/anchors";
import { ZCompanySearch, ZCreateProject, ZReassignOwner, ZUpdateProject } from "@/lib/validation/project";
import { zId } from "@/lib/validation/fields";
import { ROLES_FOR } from "@/lib/domain/policy";

type Saved = { id: number; version: number };

export async function createProjectAction(_prev: unknown, formData: FormData): Promise<ActionResult<Saved>> {
  const result = await runAction(ROLES_FOR.editProjects, ZCreateProject, formDataToObject(formData), (user, input) => createProject(db(), user, input));
  if (result.ok) revalidatePath("/projects");
  return result;
}

export async function updateProjectAction(_prev: unknown, formData: FormData): Promise<ActionResult<Saved>> {
  const result = await runAction(ROLES_FOR.editProjects, ZUpdateProject, formDataToObject(formData), (user, input) => updateProject(db(), user, input));
  if (result.ok) {
    revalidatePath(`/projects/${result.data.id}`);
    revalidatePath("/projects");
  }
  return result;
}

export async function reassignOwnerAction(_prev: unknown, formData: FormData): Promise<ActionResult<Saved>> {
  const result = await runAction(ROLES_FOR.reassignOwners, ZReassignOwner, formDataToObject(formData), (user, input) => reassignOwner(db(), user, input));
  if (result.ok) revalidatePath(`/projects/${result.data.id}`);
  return result;
}

/** The project form's company picker. Read-only; any signed-in user. */
export async function searchCompaniesAction(q: unknown) {
  const user = await getCurrentUser();
  const parsed = ZCompanySearch.safeParse(q);
  if (!user || !parsed.success) return [];
  return searchCompanies(db(), user, parsed.data);
}

/**
 * The project form's anchor picker, any signed-in user: projects in scope, and
 * anchor projects of every unit by title (id, title and unit only; lib/data/anchors.ts).
 */
export async function searchAnchorsAction(q: unknown, excludeId?: unknown) {
  const user = await getCurrentUser();
  const parsed = ZCompanySearch.safeParse(q);
  const exclude = zId.optional().safeParse(excludeId ?? undefined);
  if (!user || !parsed.success || !exclude.success) return [];
  return searchAnchorProjects(db(), user, parsed.data, exclude.data);
}
