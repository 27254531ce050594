/**
 * Every expected failure of `tenure`, as a value. Switch on `code`; the `message` is for humans and
 * may change between versions, the `code` and the extra fields never do.
 */
export type TenureError =
  | ValidationError
  | NotFoundError
  | ConflictError
  | DuplicateError
  | ForbiddenError
  | InvalidStateError
  | InvalidTokenError
  | AuthenticationError
  | CorruptRecordError
  | SourceUnavailableError;

/** One problem found in an input: which field, which rule, and whether it blocks the input. */
export interface Diagnostic {
  /** `error` blocks the input; `warning` is reported and the input is accepted. */
  readonly severity: "error" | "warning";
  /** Dotted path of the offending field, e.g. `email` or `attributes.costCentre`. */
  readonly field: string;
  /** Stable machine-readable rule name, e.g. `email_malformed`. */
  readonly code: string;
  /** Human-readable explanation naming the rule. */
  readonly message: string;
}

/** An input broke one or more rules; `issues` lists every blocking problem, with warnings alongside. */
export interface ValidationError {
  readonly code: "validation";
  readonly message: string;
  /** Field of the first blocking issue. */
  readonly field: string;
  readonly issues: readonly Diagnostic[];
}

/** A record the caller named does not exist in the organization it asked about. */
export interface NotFoundError {
  readonly code: "not_found";
  readonly message: string;
  readonly entity: EntityName;
  readonly id: string;
}

/** The record changed since it was read: the write was refused so no update is lost. Re-read and retry. */
export interface ConflictError {
  readonly code: "conflict";
  readonly message: string;
  readonly entity: EntityName;
  readonly id: string;
  readonly expectedVersion?: number;
  readonly actualVersion?: number;
}

/** A uniqueness rule would be broken (e.g. a username already taken in the organization). */
export interface DuplicateError {
  readonly code: "duplicate";
  readonly message: string;
  readonly entity: EntityName;
  readonly field: string;
  readonly value: string;
}

/** The actor may not perform this action; `rule` names the guard that refused it. */
export interface ForbiddenError {
  readonly code: "forbidden";
  readonly message: string;
  readonly rule: string;
  readonly id?: string;
}

/** The target is in a state where the action does not apply (e.g. accepting a revoked invitation). */
export interface InvalidStateError {
  readonly code: "invalid_state";
  readonly message: string;
  readonly entity: EntityName;
  readonly id: string;
  readonly state: string;
}

/**
 * A link's token is unknown, expired, already used, revoked, or of another purpose. One error for all of
 * them, so a link reveals nothing; `reason` is for logs, not for the person holding the link.
 */
export interface InvalidTokenError {
  readonly code: "invalid_token";
  readonly message: string;
  readonly reason: "unknown" | "expired" | "used" | "wrong_purpose";
}

/**
 * A sign-in was refused. `invalid_credentials` covers an unknown login and a wrong password alike, so
 * the answer never reveals whether an account exists; the account's standing is told only to whoever
 * gave the right password.
 */
export interface AuthenticationError {
  readonly code: "authentication";
  readonly message: string;
  readonly reason:
    | "invalid_credentials"
    | "locked"
    | "no_password"
    | "password_change_required"
    | "blocked"
    | "access_expired"
    | "not_active";
  /** When a lock or block ends, if it does. */
  readonly until?: Date;
}

/**
 * A record read back from storage breaks the model's rules (e.g. a row edited by hand into an invalid
 * state). Nothing of the unit of work that read it was committed. `key` names the row (`table` and
 * primary key); `issues` say which fields break which rule. Not retryable: the row must be repaired.
 */
export interface CorruptRecordError {
  readonly code: "corrupt_record";
  readonly message: string;
  readonly entity: EntityName;
  /** The stored row, e.g. `{ table: "users", organizationId: "org-1", id: "u-1" }`. */
  readonly key: Readonly<Record<string, string>>;
  readonly issues: readonly Diagnostic[];
}

/** Why a provisioning source could not be read completely. */
export type SourceFailure = "unreachable" | "bind_failed" | "timeout" | "size_limit" | "partial_read" | "invalid_response";

/**
 * A provisioning source could not be read completely (the directory server is down, refused the
 * bind, timed out, hit a size limit, or ended a paged search early). An update that meets it changes
 * nothing: an incomplete read must never de-activate anyone. Retryable once the source is back.
 */
export interface SourceUnavailableError {
  readonly code: "source_unavailable";
  readonly message: string;
  /** The configured source's name. */
  readonly source: string;
  readonly reason: SourceFailure;
}

/** Names of the stored entities, as used in error payloads. */
export type EntityName =
  | "organization"
  | "user"
  | "group"
  | "role_assignment"
  | "invitation"
  | "token"
  | "credential"
  | "audit_event"
  | "mail"
  | "provisioning_run"
  /** A record outcome of a provisioning run, keyed by run id and sequence. */
  | "provisioning_outcome"
  /** One change of a provisioning plan, named by its sequence number. */
  | "provisioning_change"
  /** A whole unit of work, when a database reports a lost race without naming the record. */
  | "transaction";

/** Constructors for {@link TenureError}s with consistent messages. */
export const TenureErrors = {
  /** Builds a {@link ValidationError} from diagnostics; at least one must be an error. */
  validation(issues: readonly Diagnostic[]): ValidationError {
    const blocking = issues.filter((issue) => issue.severity === "error");
    const first = blocking[0] ?? issues[0];
    const field = first?.field ?? "";
    const summary = blocking.map((issue) => `${issue.field}: ${issue.message}`).join("; ");
    return { code: "validation", message: `Invalid input. ${summary}`, field, issues };
  },
  /** Builds a {@link NotFoundError}. */
  notFound(entity: EntityName, id: string): NotFoundError {
    return { code: "not_found", message: `No ${entity.replace("_", " ")} with id "${id}" in this organization.`, entity, id };
  },
  /** A {@link ConflictError} for a unit of work that lost a race the database did not attribute to one record. */
  transactionConflict(): ConflictError {
    return {
      code: "conflict",
      message: "A concurrent change to the same records was committed first; nothing was saved. Reload and try again.",
      entity: "transaction",
      id: "",
    };
  },
  /** Builds a {@link ConflictError}. */
  conflict(entity: EntityName, id: string, expectedVersion?: number, actualVersion?: number): ConflictError {
    const versions =
      expectedVersion === undefined ? "" : ` (read version ${expectedVersion}, stored version ${actualVersion ?? "none"})`;
    return {
      code: "conflict",
      message: `The ${entity.replace("_", " ")} "${id}" was changed by someone else${versions}. Reload it and try again.`,
      entity,
      id,
      ...(expectedVersion === undefined ? {} : { expectedVersion }),
      ...(actualVersion === undefined ? {} : { actualVersion }),
    };
  },
  /** Builds a {@link DuplicateError}. */
  duplicate(entity: EntityName, field: string, value: string): DuplicateError {
    return { code: "duplicate", message: `Another ${entity.replace("_", " ")} already has ${field} "${value}".`, entity, field, value };
  },
  /** Builds a {@link SourceUnavailableError}. */
  sourceUnavailable(source: string, reason: SourceFailure, message: string): SourceUnavailableError {
    return { code: "source_unavailable", message, source, reason };
  },
  /** Builds a {@link ForbiddenError}. */
  forbidden(rule: string, message: string, id?: string): ForbiddenError {
    return { code: "forbidden", message, rule, ...(id === undefined ? {} : { id }) };
  },
  /** Builds an {@link InvalidTokenError}. */
  invalidToken(reason: InvalidTokenError["reason"]): InvalidTokenError {
    return { code: "invalid_token", message: "This link is not valid any more. Ask for a new one.", reason };
  },
  /** Builds an {@link AuthenticationError}. */
  authentication(reason: AuthenticationError["reason"], message: string, until?: Date): AuthenticationError {
    return { code: "authentication", message, reason, ...(until === undefined ? {} : { until }) };
  },
  /** Builds a {@link CorruptRecordError}. */
  corruptRecord(entity: EntityName, key: Readonly<Record<string, string>>, issues: readonly Diagnostic[]): CorruptRecordError {
    const where = Object.entries(key)
      .map(([name, value]) => `${name} ${JSON.stringify(value)}`)
      .join(", ");
    const what = issues.map((issue) => `${issue.field || "(record)"}: ${issue.message}`).join("; ");
    return { code: "corrupt_record", message: `The stored ${entity.replace("_", " ")} at ${where} is invalid. ${what}`, entity, key, issues };
  },
  /** Builds an {@link InvalidStateError}. */
  invalidState(entity: EntityName, id: string, state: string, message: string): InvalidStateError {
    return { code: "invalid_state", message, entity, id, state };
  },
} as const;
