"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/run-action";
import { ROLES_FOR } from "@/lib/domain/policy";
import { formDataToObject } from "@/lib/actions/form-data";
import { addContact, createCompany, removeContact, updateCompany, updateContact } from "@/lib/data/companies";
import { mergeCompanies } from "@/lib/data/company-merge";
import { ZAddContact, ZCreateCompany, ZDuplicateQuery, ZMergeCompanies, ZRemoveContact, ZUpdateCompany, ZUpdateContact } from "@/lib/validation/company";
import { getCurrentUser } from "@/lib/auth/current-user";
import { may } from "@/lib/domain/policy";
import { findDuplicateCompanies, type DuplicateCandidate } from "@/lib/data/company-duplicates";

/**
 * The likely duplicates of a company typed where one is created inline (the
 * project form): the companies page's finder, read-only, for a user who may
 * create companies. Nothing is returned for a signed-out user or a bad query.
 */
export async function findCompanyDuplicatesAction(query: unknown): Promise<DuplicateCandidate[]> {
  const user = await getCurrentUser();
  const parsed = ZDuplicateQuery.safeParse(query);
  if (!user || !may(user, "editCompanies") || !parsed.success) return [];
  return findDuplicateCompanies(db(), parsed.data);
}


export async function createCompanyAction(_prev: unknown, formData: FormData) {
  const result = await runAction(ROLES_FOR.editCompanies, ZCreateCompany, formDataToObject(formData), (user, input) => createCompany(db(), user, input));
  if (result.ok) revalidatePath("/companies");
  return result;
}

export async function updateCompanyAction(_prev: unknown, formData: FormData) {
  const result = await runAction(ROLES_FOR.editCompanies, ZUpdateCompany, formDataToObject(formData), (user, input) => updateCompany(db(), user, input));
  if (result.ok) {
    revalidatePath("/companies");
    revalidatePath(`/companies/${result.data.id}`);
  }
  return result;
}

export async function addContactAction(_prev: unknown, formData: FormData) {
  const result = await runAction(ROLES_FOR.editCompanies, ZAddContact, formDataToObject(formData), (user, input) => addContact(db(), user, input));
  if (result.ok) revalidatePath(`/companies/${result.data.companyId}`);
  return result;
}

export async function updateContactAction(_prev: unknown, formData: FormData) {
  const result = await runAction(ROLES_FOR.editCompanies, ZUpdateContact, formDataToObject(formData), (user, input) => updateContact(db(), user, input));
  if (result.ok) revalidatePath(`/companies/${result.data.companyId}`);
  return result;
}

export async function removeContactAction(_prev: unknown, formData: FormData) {
  const result = await runAction(ROLES_FOR.editCompanies, ZRemoveContact, formDataToObject(formData), (user, input) => removeContact(db(), user, input));
  if (result.ok) revalidatePath(`/companies/${result.data.companyId}`);
  return result;
}

/** A manager or admin merges one company into another (lib/data/company-merge.ts). */
export async function mergeCompaniesAction(_prev: unknown, formData: FormData) {
  const result = await runAction(ROLES_FOR.mergeCompanies, ZMergeCompanies, formDataToObject(formData), (user, input) => mergeCompanies(db(), user, input));
  if (result.ok) {
    revalidatePath("/companies");
    revalidatePath(`/companies/${result.data.id}`);
  }
  return result;
}
