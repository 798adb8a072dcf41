"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { createUnit, renameUnit, setUnitRetired } from "@/lib/data/reference";
import { ZCreateUnit, ZRename, ZSetRetired } from "@/lib/validation/reference";
import { runAdminAction } from "@/app/(app)/admin/run-admin-action";

export async function createUnitAction(_prev: unknown, formData: FormData) {
  const result = await runAdminAction(ZCreateUnit, formData, (user, input) => createUnit(db(), user, input));
  if (result.ok) revalidatePath("/admin/units");
  return result;
}

export async function renameUnitAction(_prev: unknown, formData: FormData) {
  const result = await runAdminAction(ZRename, formData, (user, input) => renameUnit(db(), user, input));
  if (result.ok) revalidatePath("/admin/units");
  return result;
}

export async function setUnitRetiredAction(_prev: unknown, formData: FormData) {
  const result = await runAdminAction(ZSetRetired, formData, (user, input) => setUnitRetired(db(), user, input));
  if (result.ok) revalidatePath("/admin/units");
  return result;
}
