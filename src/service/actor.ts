import type { Result } from "neverthrow";
import * as z from "zod";
import { organizationIdSchema, userIdSchema, type OrganizationId, type UserId } from "../model/ids.js";
import { parseInput } from "../model/parse-input.js";
import type { ValidationError } from "../model/tenure-error.js";

/**
 * Who runs a command: a signed-in user (the host has authenticated them), or the system itself (a
 * scheduled sweep, a directory sync, the bootstrap of the first organization). Users are authorized by
 * the guards; the system is trusted.
 */
export type Actor =
  | { readonly type: "user"; readonly organizationId: OrganizationId; readonly userId: UserId }
  | { readonly type: "system"; readonly name: string };

/** The actor for a signed-in user of `organizationId`. */
export function userActor(organizationId: OrganizationId, userId: UserId): Actor {
  return { type: "user", organizationId, userId };
}

/** The actor for work the system does on its own, e.g. `systemActor("expiry-sweep")`. */
export function systemActor(name: string): Actor {
  return { type: "system", name };
}

/** The schema of an {@link Actor}: every command parses its actor before anything else runs. */
export const actorSchema: z.ZodType<Actor> = z.discriminatedUnion("type", [
  z.object({ type: z.literal("user"), organizationId: organizationIdSchema, userId: userIdSchema }),
  z.object({ type: z.literal("system"), name: z.string().min(1).max(200) }),
]) as unknown as z.ZodType<Actor>;

/** Parses an actor from the host: a `validation` error on `actor.*` rather than a throw when it is malformed. */
export function parseActor(actor: unknown): Result<Actor, ValidationError> {
  return parseInput(actorSchema, actor, { fieldPrefix: "actor" });
}
