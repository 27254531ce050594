import { sql, type Transaction } from "kysely";
import { databaseError, isRaceLost, SQLSTATE } from "./database-error.js";

/** How a guarded write failed, when it failed in a way the port turns into a `Result`. */
export type WriteRefusal =
  | { readonly kind: "unique"; readonly constraint: string | undefined }
  | { readonly kind: "race" };

/**
 * Runs the writes of one transaction inside savepoints, one at a time. A write that breaks a unique
 * constraint or loses a race (serialization failure, deadlock) is rolled back to its savepoint and
 * reported as a {@link WriteRefusal}, so the transaction stays usable, as the port demands; any other
 * error propagates. With `races: "propagate"` a lost race propagates too (for writes whose port type
 * has no `conflict`: the store then ends the whole unit of work with one). Writes are queued because savepoints on one connection must nest properly.
 */
export class GuardedWrites {
  private queue: Promise<unknown> = Promise.resolve();
  private counter = 0;

  constructor(private readonly trx: Transaction<any>) {}

  /** Runs `write`; its value, or how it was refused. */
  run<T>(
    write: () => Promise<T>,
    races: "refuse" | "propagate" = "refuse",
  ): Promise<{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: WriteRefusal }> {
    const next = this.queue.then(() => this.inSavepoint(write, races));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Runs a write that cannot be refused in a way the transaction must survive (e.g. an
   * `INSERT … ON CONFLICT DO NOTHING`, which reports a duplicate by returning no row), in turn with
   * the guarded writes but without a savepoint: one statement instead of three. Errors propagate.
   */
  inTurn<T>(write: () => Promise<T>): Promise<T> {
    const next = this.queue.then(write);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async inSavepoint<T>(
    write: () => Promise<T>,
    races: "refuse" | "propagate",
  ): Promise<{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: WriteRefusal }> {
    this.counter += 1;
    const name = sql.id(`tenure_write_${this.counter}`);
    await sql`SAVEPOINT ${name}`.execute(this.trx);
    try {
      const value = await write();
      await sql`RELEASE SAVEPOINT ${name}`.execute(this.trx);
      return { ok: true, value };
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal === null || (refusal.kind === "race" && races === "propagate")) throw error;
      await sql`ROLLBACK TO SAVEPOINT ${name}`.execute(this.trx);
      await sql`RELEASE SAVEPOINT ${name}`.execute(this.trx);
      return { ok: false, refusal };
    }
  }
}

function refusalOf(error: unknown): WriteRefusal | null {
  if (isRaceLost(error)) return { kind: "race" };
  const info = databaseError(error);
  if (info?.code === SQLSTATE.uniqueViolation) return { kind: "unique", constraint: info.constraint };
  return null;
}
