/** The shapes of the API-token forms (kept apart from the server-only data module so client forms may import them). */
import { z } from "zod";
import { zDate, zId, zRequestId, zText } from "@/lib/validation/fields";

/** A token lives at most a year: the last day it may expire on, a year after `today` (a UTC-midnight date). */
export function latestExpiryDate(today: Date): Date {
  const d = new Date(today);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d;
}

export const ZCreateApiToken = z.object({ name: zText(100), expiresOn: zDate, requestId: zRequestId });
export type CreateApiTokenInput = z.output<typeof ZCreateApiToken>;

export const ZRevokeApiToken = z.object({ id: zId });
export type RevokeApiTokenInput = z.output<typeof ZRevokeApiToken>;
