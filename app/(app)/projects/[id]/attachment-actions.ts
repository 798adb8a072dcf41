"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/run-action";
import { ROLES_FOR } from "@/lib/domain/policy";
import { formDataToObject } from "@/lib/actions/form-data";
import type { ActionResult } from "@/lib/actions/result";
import { deleteAttachment } from "@/lib/data/attachments";
import { ZDeleteAttachment } from "@/lib/validation/attachment";

/** Deletes a file from a round or contract: its uploader, or a manager or admin (lib/data/attachments.ts). */
export async function deleteAttachmentAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ id: number; projectId: number }>> {
  const result = await runAction(ROLES_FOR.attachFiles, ZDeleteAttachment, formDataToObject(formData), (user, input) => deleteAttachment(db(), user, input));
  if (result.ok) revalidatePath(`/projects/${result.data.projectId}`);
  return result;
}
