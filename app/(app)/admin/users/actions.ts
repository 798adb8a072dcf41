"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { createUser, resetPassword, setUserDisabled, updateUserAccess } from "@/lib/data/users";
import { ZCreateUser, ZResetPassword, ZSetUserDisabled, ZUpdateUserAccess } from "@/lib/validation/user";
import { runAdminAction } from "@/app/(app)/admin/run-admin-action";

export async function createUserAction(_prev: unknown, formData: FormData) {
  const result = await runAdminAction(ZCreateUser, formData, (user, input) => createUser(db(), user, input));
  if (result.ok) revalidatePath("/admin/users");
  return result;
}

export async function updateUserAccessAction(_prev: unknown, formData: FormData) {
  const result = await runAdminAction(ZUpdateUserAccess, formData, (user, input) => updateUserAccess(db(), user, input));
  if (result.ok) revalidatePath(`/admin/users/${result.data.id}`);
  return result;
}

export async function setUserDisabledAction(_prev: unknown, formData: FormData) {
  const result = await runAdminAction(ZSetUserDisabled, formData, (user, input) => setUserDisabled(db(), user, input));
  if (result.ok) revalidatePath(`/admin/users/${result.data.id}`);
  return result;
}

export async function resetPasswordAction(_prev: unknown, formData: FormData) {
  const result = await runAdminAction(ZResetPassword, formData, (user, input) => resetPassword(db(), user, input));
  if (result.ok) revalidatePath(`/admin/users/${result.data.id}`);
  return result;
}
