import { err, errAsync, ResultAsync, type Result } from "neverthrow";
import type * as z from "zod";
import type { Standing } from "../../access/guards/standing.js";
import type { OrganizationId } from "../../model/ids.js";
import type { Organization } from "../../model/organization.js";
import type { Settings } from "../../model/settings.js";
import type { TenureError } from "../../model/tenure-error.js";
import type { StoreTransaction } from "../../ports/tenure-store.js";
import { parseRequest } from "./parse-request.js";
import type { ActingParty } from "./acting-party.js";
import { passGate, type GateRule } from "./gate.js";
import type { ServiceContext } from "./service-context.js";

/** What a query's read sees: one snapshot, one instant, the organization, its settings, and the actor's standing there. */
export interface QueryScope<UA extends object, OA extends object, Native> {
  readonly tx: StoreTransaction<UA, OA, Native>;
  readonly now: Date;
  readonly organization: Organization<OA>;
  readonly settings: Settings;
  readonly actor: ActingParty<UA>;
  readonly standing: Standing;
}

/**
 * Runs one query: parses the actor and the input (a `ValidationError` naming every bad field, and
 * nothing is read), opens one read snapshot, passes the authorization gate in the organization the
 * input names, and reads. A query writes nothing, not even an audit event.
 */
export function runQuery<
  P extends string,
  R extends string,
  S extends string,
  UA extends object,
  OA extends object,
  Native,
  Schema extends z.ZodType<{ readonly organizationId: OrganizationId }>,
  T,
>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  query: {
    readonly actor: unknown;
    readonly schema: Schema;
    readonly input: unknown;
    readonly rule: (value: z.output<Schema>) => GateRule;
    readonly read: (scope: QueryScope<UA, OA, Native>, value: z.output<Schema>) => Promise<Result<T, TenureError>>;
  },
): ResultAsync<T, TenureError> {
  const parsed = parseRequest(query.actor, query.schema, query.input);
  if (parsed.isErr()) return errAsync(parsed.error);
  const { actor, value } = parsed.value;
  const run = async (): Promise<Result<T, TenureError>> => {
    const now = context.clock.now();
    return context.store.transaction(async (tx): Promise<Result<T, TenureError>> => {
      const pass = await passGate(context, tx, { actor, organizationId: value.organizationId, now, rule: query.rule(value) });
      if (pass.isErr()) return err(pass.error);
      const { organization, settings, standing } = pass.value;
      return query.read({ tx, now, organization, settings, actor: pass.value.actor, standing }, value);
    });
  };
  return ResultAsync.fromSafePromise(run()).andThen((result) => result);
}
