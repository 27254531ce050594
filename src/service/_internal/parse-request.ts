import { err, ok, type Result } from "neverthrow";
import type * as z from "zod";
import { parseInput } from "../../model/parse-input.js";
import type { ValidationError } from "../../model/tenure-error.js";
import { parseActor, type Actor } from "../actor.js";

/**
 * Parses what a host passes to a command or query: the actor first, then the input. A `ValidationError`
 * names every bad field (`actor.*` for the actor), and nothing runs.
 */
export function parseRequest<Schema extends z.ZodType>(
  actor: unknown,
  schema: Schema,
  input: unknown,
): Result<{ readonly actor: Actor; readonly value: z.output<Schema> }, ValidationError> {
  const parsedActor = parseActor(actor);
  if (parsedActor.isErr()) return err(parsedActor.error);
  const parsed = parseInput(schema, input);
  return parsed.isErr() ? err(parsed.error) : ok({ actor: parsedActor.value, value: parsed.value });
}
