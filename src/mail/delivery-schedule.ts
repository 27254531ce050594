const MINUTE = 60_000;

/**
 * The default retry schedule, in milliseconds: after the 1st failed attempt wait 1 min, then 5 min,
 * 30 min, 2 h and 12 h; a mail failing a 6th time is `dead`.
 */
export const DEFAULT_MAIL_BACKOFF_MS: readonly number[] = Object.freeze([1, 5, 30, 120, 720].map((minutes) => minutes * MINUTE));

/** The default lease of a claimed mail: 5 minutes. */
export const DEFAULT_MAIL_LEASE_MS = 5 * MINUTE;

/** The default number of mails claimed by one `deliverOutbox` run. */
export const DEFAULT_MAIL_BATCH = 50;

/**
 * Checks the options of one delivery run: `limit` a positive integer, `leaseMs` positive, every
 * `backoff` wait finite and not negative. Throws a `RangeError`: a programmer error in the host's job.
 */
export function checkDeliveryOptions(options: { readonly limit: number; readonly leaseMs: number; readonly backoff: readonly number[] }): void {
  const { limit, leaseMs, backoff } = options;
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, not ${limit}.`);
  if (!Number.isFinite(leaseMs) || leaseMs <= 0) throw new RangeError(`leaseMs must be positive, not ${leaseMs}.`);
  if (!backoff.every((wait) => Number.isFinite(wait) && wait >= 0)) throw new RangeError("backoff waits must be finite and not negative.");
}

/**
 * When a failed attempt is retried: for a retryable error, after the wait of `backoff` at index
 * `attempts` (the attempts made before this one), from `now`; `null` (the mail is `dead`) for a
 * non-retryable error or once the waits are used up.
 */
export function retryAtAfterFailure(error: { readonly retryable: boolean }, attempts: number, now: Date, backoff: readonly number[]): Date | null {
  const wait = error.retryable ? backoff[attempts] : undefined;
  return wait === undefined ? null : new Date(now.getTime() + wait);
}
