"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/run-action";
import { ROLES_FOR } from "@/lib/domain/policy";
import { formDataToObject } from "@/lib/actions/form-data";
import { createEvent, updateEvent } from "@/lib/data/events";
import { ZCreateEvent, ZUpdateEvent } from "@/lib/validation/event";


export async function createEventAction(_prev: unknown, formData: FormData) {
  const result = await runAction(ROLES_FOR.manageEvents, ZCreateEvent, formDataToObject(formData), (user, input) => createEvent(db(), user, input));
  if (result.ok) revalidatePath("/events");
  return result;
}

export async function updateEventAction(_prev: unknown, formData: FormData) {
  const result = await runAction(ROLES_FOR.manageEvents, ZUpdateEvent, formDataToObject(formData), (user, input) => updateEvent(db(), user, input));
  if (result.ok) {
    revalidatePath("/events");
    revalidatePath(`/events/${result.data.id}`);
  }
  return result;
}
