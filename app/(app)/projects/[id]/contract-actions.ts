"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/run-action";
import { ROLES_FOR } from "@/lib/domain/policy";
import { formDataToObject } from "@/lib/actions/form-data";
import type { ActionResult } from "@/lib/actions/result";
import { addContract, type AddContractResult } from "@/lib/data/signings";
import { ZAddContract } from "@/lib/validation/signings";

/** A further contract on a signed project (an upgrade, a capital increase, a repeat signing) from the project page. */
export async function addContractAction(_prev: unknown, formData: FormData): Promise<ActionResult<AddContractResult>> {
  const result = await runAction(ROLES_FOR.moveStages, ZAddContract, formDataToObject(formData), (user, input) => addContract(db(), user, input));
  if (result.ok) {
    revalidatePath(`/projects/${result.data.id}`);
    revalidatePath("/projects");
  }
  return result;
}
