import * as z from "zod";

/**
 * Where an account stands in its lifecycle, keyed on `status`:
 * `invited` → `active`; `pending_verification` → `active` once an admin verifies a self sign-up;
 * `active` ⇄ `blocked` (until a date or for good); `active` ⇄ `deactivated`; any → `removed` (terminal).
 */
export const accountStateSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("invited") }),
  z.object({ status: z.literal("pending_verification") }),
  z.object({ status: z.literal("active") }),
  z.object({
    status: z.literal("blocked"),
    /** End of the block; `null` blocks until an admin unblocks. */
    until: z.date().nullable(),
    reason: z.string().max(500).nullable(),
  }),
  z.object({
    status: z.literal("deactivated"),
    /**
     * `admin`: by hand; `access_expired`: a third-party window ran out; `access_cleared`: its date was
     * cleared; `source`: the user's provisioning source says the user is gone or inactive (only these
     * are re-activated by the source); `directory`: the same, written by versions before named sources.
     */
    reason: z.enum(["admin", "access_expired", "access_cleared", "source", "directory"]),
  }),
  z.object({ status: z.literal("removed"), at: z.date() }),
]);

/** See {@link accountStateSchema}. */
export type AccountState = z.output<typeof accountStateSchema>;
/** The status names of {@link AccountState}. */
export type AccountStatus = AccountState["status"];

/** Every account status, in lifecycle order. */
export const ACCOUNT_STATUSES: readonly AccountStatus[] = [
  "invited",
  "pending_verification",
  "active",
  "blocked",
  "deactivated",
  "removed",
];

/**
 * The status that counts at `now`: a block whose end has passed counts as `active`, so no job has to
 * run for a temporary block to end.
 */
export function effectiveStatus(state: AccountState, now: Date): AccountStatus {
  if (state.status === "blocked" && state.until !== null && state.until.getTime() <= now.getTime()) {
    return "active";
  }
  return state.status;
}
