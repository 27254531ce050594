import { diagnosticsAtInput, fieldPath } from "../../../model/field-path.js";
import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { organizationIdSchema, userIdSchema, type UserId } from "../../../model/ids.js";
import { zodIssuesToDiagnostics } from "../../../model/parse-input.js";
import { TenureErrors, type Diagnostic, type TenureError } from "../../../model/tenure-error.js";
import { boundedString } from "../../../model/bounded-string.js";
import { EDITABLE_USER_FIELDS, USER_FIELD_HARD_MAX, userBaseShape, type User } from "../../../model/user.js";
import { validateUserData } from "../../../model/user-validation.js";
import { checkOwnedFields } from "../../_internal/source-ownership.js";
import type { Actor } from "../../actor.js";
import { changedFields } from "../../_internal/audit-values.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";

/** What editing a user's data takes: the user as read (its version) and the fields to change. */
export const updateUserInputSchema = z.object({
  organizationId: organizationIdSchema,
  userId: userIdSchema,
  /** The version read; a stale one is a `conflict`, never a lost update. */
  expectedVersion: z.number().int().nonnegative(),
  changes: z
    .object({
      /** Present only to be refused: usernames never change (the same username with white space around it is no change). */
      username: boundedString(USER_FIELD_HARD_MAX.username, { trim: true }).optional(),
      fullName: userBaseShape.fullName.optional(),
      firstName: userBaseShape.firstName.optional(),
      lastName: userBaseShape.lastName.optional(),
      email: userBaseShape.email.optional(),
      phone: userBaseShape.phone.optional(),
      pager: userBaseShape.pager.optional(),
      cellphone: userBaseShape.cellphone.optional(),
      location: userBaseShape.location.optional(),
      company: userBaseShape.company.optional(),
      /** Host attributes to change; merged over the stored ones and validated together. */
      attributes: z.record(z.string(), z.unknown()).optional(),
    })
    .strict(),
});
/** See {@link updateUserInputSchema}. */
export type UpdateUserInput = z.input<typeof updateUserInputSchema>;

/** The edited user, and the warnings that did not block the edit. */
export interface UpdatedUser<UA extends object> {
  readonly user: User<UA>;
  readonly warnings: readonly Diagnostic[];
}

/**
 * Edits a user's data: allowed to whoever may edit user data in the organization (any admin, or only
 * super admins, per `userDataEditors`) and to users editing their own profile. The zoned workspace's
 * rules apply: a malformed e-mail or a full name with forbidden characters is refused, duplicates and
 * over-long values are warnings, and the username never changes.
 */
export function updateUser<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: UpdateUserInput,
): ResultAsync<UpdatedUser<UA>, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: updateUserInputSchema,
    input,
    rule: ({ userId }) => ({ needs: "user_data_editor", self: userId, targets: [userId] }),
    work: async (c, { organizationId, userId, expectedVersion, changes }) => {
      const stored = await c.tx.users.get(organizationId, userId as UserId);
      if (stored === null) return err(TenureErrors.notFound("user", userId));
      if (stored.version !== expectedVersion) return err(TenureErrors.conflict("user", userId, expectedVersion, stored.version));
      const { attributes: attributeChanges, ...fields } = changes;
      const definedFields = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
      // Fields the user's source owns are changed there: an edit that changes one is refused, naming it.
      const owned = checkOwnedFields(context, stored, [
        ...Object.keys(definedFields).filter((field) => !Object.is((stored as Record<string, unknown>)[field], definedFields[field])),
        ...Object.entries(attributeChanges ?? {})
          .filter(([name, value]) => JSON.stringify((stored.attributes as Record<string, unknown>)[name]) !== JSON.stringify(value))
          .map(([name]) => `attributes.${name}`),
      ]);
      if (owned.isErr()) return err(TenureErrors.validation(diagnosticsAtInput(owned.error.issues, (field) => fieldPath("changes", field))));
      const [sameEmail, sameName] = await Promise.all([
        fields.email === undefined ? [] : c.tx.users.findByEmail(organizationId, fields.email),
        fields.fullName === undefined ? [] : c.tx.users.findByFullName(organizationId, fields.fullName),
      ]);
      const findings = diagnosticsAtInput(validateUserData(definedFields, {
        limits: c.settings.fieldLimits,
        others: [...sameEmail, ...sameName],
        previous: stored,
        emailUniqueness: c.settings.emailUniqueness,
      }), (field) => fieldPath("changes", field));
      const attributes =
        attributeChanges === undefined ? null : context.model.userAttributes.safeParse({ ...stored.attributes, ...attributeChanges });
      if (attributes !== null && !attributes.success) findings.push(...zodIssuesToDiagnostics(attributes.error.issues, "changes.attributes"));
      if (findings.some((finding) => finding.severity === "error")) return err(TenureErrors.validation(findings));
      const { username: _ignored, ...editable } = definedFields as Partial<User<UA>>;
      const next: User<UA> = {
        ...stored,
        ...editable,
        ...(attributes?.success === true ? { attributes: attributes.data } : {}),
        updatedAt: c.now,
      };
      const updated = await c.tx.users.update(next, { uniqueEmail: c.settings.emailUniqueness === "enforce" });
      if (updated.isErr()) return err(updated.error);
      const diff = changedFields(
        { ...stored, ...stored.attributes } as Record<string, unknown>,
        { ...updated.value, ...updated.value.attributes } as Record<string, unknown>,
        [...EDITABLE_USER_FIELDS, ...Object.keys(updated.value.attributes)],
      );
      return ok({
        value: { user: updated.value, warnings: findings },
        audit: { action: "user.updated", target: { entity: "user", id: userId }, ...diff },
      });
    },
  });
}
