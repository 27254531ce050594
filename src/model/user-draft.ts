import { err, ok, type Result } from "neverthrow";
import * as z from "zod";
import type { AccountState } from "./account-state.js";
import type { TenureModel } from "./define-model.js";
import type { OrganizationId, UserId } from "./ids.js";
import { zodIssuesToDiagnostics } from "./parse-input.js";
import { readPlainInput } from "./_internal/read-plain-input.js";
import type { Settings } from "./settings.js";
import { TenureErrors, type Diagnostic, type ValidationError } from "./tenure-error.js";
import { audienceSchema, userBaseShape, userSourceSchema, type User } from "./user.js";
import { validateUserData, type ExistingUserData } from "./user-validation.js";

/** What an admin (or an import row, or a sign-up form) enters for a new user. */
export const newUserInputSchema = z.object({
  username: userBaseShape.username,
  fullName: userBaseShape.fullName,
  email: userBaseShape.email,
  firstName: userBaseShape.firstName.optional(),
  lastName: userBaseShape.lastName.optional(),
  phone: userBaseShape.phone.optional(),
  pager: userBaseShape.pager.optional(),
  cellphone: userBaseShape.cellphone.optional(),
  location: userBaseShape.location.optional(),
  company: userBaseShape.company.optional(),
  audience: audienceSchema.default("internal"),
  thirdParty: z.boolean().default(false),
  twoFactorRequired: z.boolean().default(false),
  workflowAccess: z.boolean().default(false),
  source: userSourceSchema.default({ type: "local" }),
  /** The host's attributes; validated by the model's attribute schema, defaults applied. */
  attributes: z.unknown().optional(),
});
/** See {@link newUserInputSchema}. */
export type NewUserInput = z.input<typeof newUserInputSchema>;

/** Everything {@link draftUser} needs besides the input: identity, time, settings and the neighbours to compare with. */
export interface UserDraftContext<UA extends object> {
  readonly id: UserId;
  readonly organizationId: OrganizationId;
  readonly now: Date;
  readonly model: TenureModel<UA, object>;
  readonly settings: Settings;
  /** Users of the organization that may share the e-mail or full name. */
  readonly others: Iterable<ExistingUserData>;
  /** The account state the user starts in, e.g. `invited` or `active`. */
  readonly account: AccountState;
  readonly invitedBy: UserId | null;
  /** The third-party access end, decided by the expiry rules; `null` for regular users. */
  readonly accessExpiresAt?: Date | null;
}

/** A new user record, and the warnings that did not block it (shown to the admin: "warn, but allow"). */
export interface UserDraft<UA extends object> {
  readonly user: User<UA>;
  readonly warnings: readonly Diagnostic[];
}

/**
 * Builds a new user record from untrusted input: parses it (built-in fields and the host's attributes
 * together), runs the user-data rules, and returns the record at version 0 with the warnings, or a
 * {@link ValidationError} listing every problem at once. Pure: the id and `now` are inputs.
 *
 * @example
 * ```ts
 * const draft = draftUser({ username: "ann", fullName: "Ann Lee", email: "ann@example.com" }, context);
 * if (draft.isOk()) await tx.users.insert(draft.value.user);
 * ```
 */
export function draftUser<UA extends object>(
  input: unknown,
  context: UserDraftContext<UA>,
): Result<UserDraft<UA>, ValidationError> {
  // Read once into plain data: a getter or a proxy of the input is a validation error, never a throw.
  const read = readPlainInput(input);
  if (!read.ok) return err(TenureErrors.validation(read.issues));
  const parsed = newUserInputSchema.safeParse(read.value);
  const attributes = context.model.userAttributes.safeParse(
    parsed.success ? (parsed.data.attributes ?? {}) : attributesOf(read.value),
  );
  const findings: Diagnostic[] = [
    ...(parsed.success ? [] : zodIssuesToDiagnostics(parsed.error.issues)),
    ...(attributes.success ? [] : zodIssuesToDiagnostics(attributes.error.issues, "attributes")),
  ];
  if (parsed.success) {
    findings.push(
      ...validateUserData(definedFields(parsed.data), {
        limits: context.settings.fieldLimits,
        others: context.others,
        emailUniqueness: context.settings.emailUniqueness,
      }),
    );
  }
  if (!parsed.success || !attributes.success || findings.some((finding) => finding.severity === "error")) {
    return err(TenureErrors.validation(findings));
  }
  const input_ = parsed.data;
  const user: User<UA> = {
    id: context.id,
    organizationId: context.organizationId,
    username: input_.username,
    fullName: input_.fullName,
    firstName: input_.firstName ?? null,
    lastName: input_.lastName ?? null,
    email: input_.email,
    phone: input_.phone ?? null,
    pager: input_.pager ?? null,
    cellphone: input_.cellphone ?? null,
    location: input_.location ?? null,
    company: input_.company ?? null,
    audience: input_.audience,
    thirdParty: input_.thirdParty,
    accessExpiresAt: context.accessExpiresAt ?? null,
    source: input_.source,
    invitedBy: context.invitedBy,
    account: context.account,
    twoFactorRequired: input_.twoFactorRequired,
    workflowAccess: input_.workflowAccess,
    version: 0,
    createdAt: context.now,
    updatedAt: context.now,
    attributes: attributes.data,
  };
  return ok({ user, warnings: findings });
}

/** Drops the fields the input left out, so the rules check only what was given. */
function definedFields<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

function attributesOf(input: unknown): unknown {
  if (typeof input === "object" && input !== null && "attributes" in input) {
    return (input as { attributes?: unknown }).attributes ?? {};
  }
  return {};
}
