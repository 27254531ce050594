import { boundedString } from "../../../model/bounded-string.js";

/** Longest personal message an invitation carries. */
export const PERSONAL_MESSAGE_MAX = 4000;

/**
 * The admin's personal message in an invitation: at most {@link PERSONAL_MESSAGE_MAX} characters, line
 * breaks and tabs allowed, no other control characters; surrounding white space is dropped and an empty
 * message counts as none. It is escaped when the mail is rendered.
 */
export const personalMessageSchema = boundedString(PERSONAL_MESSAGE_MAX)
  .regex(/^(?:[^\p{Cc}]|[\n\r\t])*$/u, { message: "must not contain control characters other than line breaks and tabs" })
  .transform((message) => message.trim())
  .transform((message) => (message === "" ? undefined : message));
