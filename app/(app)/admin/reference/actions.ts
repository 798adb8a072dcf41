"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { createReferenceItem, renameReferenceItem, setReferenceItemRetired } from "@/lib/data/reference";
import { ZCreateReferenceItem, ZRename, ZSetRetired } from "@/lib/validation/reference";
import { runAdminAction } from "@/app/(app)/admin/run-admin-action";

export async function createReferenceItemAction(_prev: unknown, formData: FormData) {
  const result = await runAdminAction(ZCreateReferenceItem, formData, (user, input) => createReferenceItem(db(), user, input));
  if (result.ok) revalidatePath("/admin/reference");
  return result;
}

export async function renameReferenceItemAction(_prev: unknown, formData: FormData) {
  const result = await runAdminAction(ZRename, formData, (user, input) => renameReferenceItem(db(), user, input));
  if (result.ok) revalidatePath("/admin/reference");
  return result;
}

export async function setReferenceItemRetiredAction(_prev: unknown, formData: FormData) {
  const result = await runAdminAction(ZSetRetired, formData, (user, input) => setReferenceItemRetired(db(), user, input));
  if (result.ok) revalidatePath("/admin/reference");
  return result;
}
