/** What one `deliverOutbox` run did. */
export interface DeliveryReport {
  /** Mails this run claimed. */
  readonly claimed: number;
  /** Mails delivered and recorded as `sent`. */
  readonly sent: number;
  /** Mails that failed and were scheduled for a retry. */
  readonly retried: number;
  /** Mails that failed for good (non-retryable error, or retries used up): status `dead`. */
  readonly dead: number;
  /**
   * Claimed mails left to another run: the lease ran out before their turn (not attempted), or the store
   * refused to record the outcome with `conflict` because another run re-claimed the mail (or recorded
   * its outcome) meanwhile. That run owns the mail now; this one never sends it again.
   */
  readonly deferred: number;
  /**
   * Transactions refused with `conflict`: the claim (another process claimed the same mails; this run
   * then does nothing), or a status update that kept conflicting after retries.
   */
  readonly conflicts: number;
}
