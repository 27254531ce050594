import type { Organization } from "../../../model/organization.js";
import type { Settings } from "../../../model/settings.js";
import type { TenureError } from "../../../model/tenure-error.js";
import type { ActingParty } from "../../_internal/acting-party.js";

/** The name the expiry sweep appears under in the audit log (`actor: { type: "system", name }`). */
export const EXPIRY_SWEEP_ACTOR = "expiry-sweep";
/** The audit action of one user de-activated by the sweep. */
export const ACCESS_EXPIRED_ACTION = "user.access_expired";
/** The audit action of one reminder sent; its `details.keys` are the reminder keys it covers. */
export const REMINDER_SENT_ACTION = "user.access_reminder_sent";

/** The sweep acting as the system. */
export const SWEEP_PARTY: ActingParty<never> = { type: "system", name: EXPIRY_SWEEP_ACTOR };

/** One organization as a pass of the sweep works on it. */
export interface SweepJob<OA extends object> {
  readonly organization: Organization<OA>;
  /** The installation's settings overridden by the organization's. */
  readonly settings: Settings;
  readonly now: Date;
  readonly batchSize: number;
}

/** What a pass over one organization did; failed batches are left for the next run. */
export interface PassTally {
  conflicts: number;
  readonly errors: TenureError[];
}
