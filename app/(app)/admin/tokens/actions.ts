"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { createApiToken, revokeApiToken, ZCreateApiToken, ZRevokeApiToken } from "@/lib/data/api-tokens";
import { runAdminAction } from "@/app/(app)/admin/run-admin-action";

/** Returns the token itself once; it is never stored nor shown again. */
export async function createApiTokenAction(_prev: unknown, formData: FormData) {
  const result = await runAdminAction(ZCreateApiToken, formData, async (user, input) => {
    const created = await createApiToken(db(), user, input);
    return { id: created.id, name: created.name, token: created.token };
  });
  if (result.ok) revalidatePath("/admin/tokens");
  return result;
}

export async function revokeApiTokenAction(_prev: unknown, formData: FormData) {
  const result = await runAdminAction(ZRevokeApiToken, formData, (user, input) => revokeApiToken(db(), user, input));
  if (result.ok) revalidatePath("/admin/tokens");
  return result;
}
