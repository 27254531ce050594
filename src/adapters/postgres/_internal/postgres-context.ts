import type { Kysely } from "kysely";
import type { TenureModel } from "../../../model/define-model.js";
import type { TenureTables } from "../tables.js";
import type { GuardedWrites } from "./guarded-writes.js";

/** What every repository of one unit of work shares. */
export interface PostgresContext<UA extends object, OA extends object> {
  /** The unit of work's transaction, with `tenure`'s schema as the default. */
  readonly db: Kysely<TenureTables>;
  /** Runs writes in savepoints, turning refusals into values. */
  readonly writes: GuardedWrites;
  readonly model: TenureModel<UA, OA>;
}
