import { err, ok, type Result } from "neverthrow";
import { TenureErrors, type ForbiddenError } from "../model/tenure-error.js";

/** What {@link checkMassDeactivation} weighs. */
export interface MassDeactivationInput {
  /** The source's name, for the message. */
  readonly source: string;
  /** De-activations the plan would make. */
  readonly planned: number;
  /** The source's linked users that are neither de-activated nor removed. */
  readonly active: number;
  /** The source's `maxDeactivationShare` (0..1). */
  readonly limit: number;
  readonly force?: boolean;
}

/**
 * The safety guard: a plan that would de-activate more than `limit` of the source's active users is
 * refused unless forced, so a directory outage or a wrong filter cannot wipe an organization. A share
 * exactly at the limit passes; with no active users nothing can be de-activated and nothing is refused.
 * The refusal is `forbidden` with rule `mass_deactivation`, its message naming the numbers.
 *
 * @example
 * ```ts
 * checkMassDeactivation({ source: "corp-ldap", planned: 30, active: 100, limit: 0.2 });
 * // Err: forbidden, rule "mass_deactivation": would de-activate 30 of 100 active users (30%), more than 20%
 * ```
 */
export function checkMassDeactivation(input: MassDeactivationInput): Result<void, ForbiddenError> {
  if (input.planned === 0 || input.force === true) return ok(undefined);
  const share = input.active === 0 ? 1 : input.planned / input.active;
  if (share <= input.limit) return ok(undefined);
  const percent = (value: number): string => `${Math.round(value * 1000) / 10}%`;
  return err(
    TenureErrors.forbidden(
      "mass_deactivation",
      `The plan for source "${input.source}" would de-activate ${input.planned} of its ${input.active} active users (${percent(share)}), ` +
        `more than the limit of ${percent(input.limit)}. Check the source's filter and scope, or apply it with force.`,
    ),
  );
}
