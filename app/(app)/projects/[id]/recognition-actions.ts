"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/run-action";
import { ROLES_FOR } from "@/lib/domain/policy";
import { formDataToObject } from "@/lib/actions/form-data";
import { setRecognition } from "@/lib/data/signings";
import { ZSetRecognition } from "@/lib/validation/signings";

/** A manager or admin marks the project not recognised (不予认定) with a reason from the list, or recognises it again. */
export async function setRecognitionAction(_prev: unknown, formData: FormData) {
  const result = await runAction(ROLES_FOR.recogniseProjects, ZSetRecognition, formDataToObject(formData), (user, input) => setRecognition(db(), user, input));
  if (result.ok) {
    revalidatePath(`/projects/${result.data.id}`);
    revalidatePath("/projects");
  }
  return result;
}
