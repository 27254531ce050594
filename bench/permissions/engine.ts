/** What the permission benchmark asks of each engine. Each engine keeps its own hot loop, so no call site is shared (and megamorphic). */
import type { QueryList } from "./queries.js";

export interface PermissionEngine {
  readonly name: string;
  /** What this engine's cold build measures, for the report. */
  readonly coldMeaning: string;
  /** Builds (and keeps) the per-user state of one user in every organization the user holds something in. */
  warmUser(user: number): void;
  /** `warmUser` for every user. */
  warmAll(): void;
  /** Builds (and keeps) the per-user state needed to answer every question of the list. */
  warmFor(queries: QueryList): void;
  /** Answers every question with the warm state (no building); returns how many are allowed. */
  checkAll(queries: QueryList): number;
  /** Answers every question, building missing state as a host would; writes 1/0 per question. */
  answer(queries: QueryList, out: Uint8Array): void;
  /** Builds the per-user state of one user from scratch, without keeping it (the cold path). */
  buildUser(user: number): unknown;
  /** Drops all per-user state. */
  reset(): void;
}
