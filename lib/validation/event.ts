/** Promotion events (conferences in other cities that produce leads). */
import { z } from "zod";
import { zDate, zId, zOptionalText, zRequestId, zText, zVersion } from "@/lib/validation/fields";

const eventFields = z.object({
  nameZh: zText(200),
  nameEn: zOptionalText(200),
  cityZh: zText(100),
  cityEn: zOptionalText(100),
  startsOn: zDate,
  endsOn: zDate,
  unitId: zId,
});

/** An event ends on or after the day it starts. */
const endNotBeforeStart = (e: { startsOn: Date; endsOn: Date }) => e.endsOn.getTime() >= e.startsOn.getTime();
const END_RULE = { message: "endBeforeStart", path: ["endsOn"] };

export const ZCreateEvent = eventFields.extend({ requestId: zRequestId }).refine(endNotBeforeStart, END_RULE);
export type CreateEventInput = z.output<typeof ZCreateEvent>;

export const ZUpdateEvent = eventFields.extend({ id: zId, version: zVersion }).refine(endNotBeforeStart, END_RULE);
export type UpdateEventInput = z.output<typeof ZUpdateEvent>;
