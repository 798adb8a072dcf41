"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/run-action";
import { formDataToObject } from "@/lib/actions/form-data";
import { createEvent, updateEvent } from "@/lib/data/events";
import { ZCreateEvent, ZUpdateEvent } from "@/lib/validation/event";

// Officers view events; managers and admins organise them (the data layer also checks the unit).
const ORGANISERS = ["MANAGER", "ADMIN"] as const;

export async function createEventAction(_prev: unknown, formData: FormData) {
  const result = await runAction(ORGANISERS, ZCreateEvent, formDataToObject(formData), (user, input) => createEvent(db(), user, input));
  if (result.ok) revalidatePath("/events");
  return result;
}

export async function updateEventAction(_prev: unknown, formData: FormData) {
  const result = await runAction(ORGANISERS, ZUpdateEvent, formDataToObject(formData), (user, input) => updateEvent(db(), user, input));
  if (result.ok) {
    revalidatePath("/events");
    revalidatePath(`/events/${result.data.id}`);
  }
  return result;
}
