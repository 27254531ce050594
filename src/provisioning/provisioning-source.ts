import { type Result } from "neverthrow";
import * as z from "zod";
import { boundedString } from "../model/bounded-string.js";
import { parseInput } from "../model/parse-input.js";
import { PROVISIONING_SOURCE_KINDS, type ProvisioningSourceKind } from "../model/provisioning-action.js";
import type { ValidationError } from "../model/tenure-error.js";

/** The built-in user fields a source can provide, in the order plans list their changes. */
export const PROVISIONED_USER_FIELDS = [
  "username",
  "fullName",
  "email",
  "firstName",
  "lastName",
  "phone",
  "pager",
  "cellphone",
  "location",
  "company",
  "audience",
  "thirdParty",
  "workflowAccess",
] as const;
/** One of {@link PROVISIONED_USER_FIELDS}. */
export type ProvisionedUserField = (typeof PROVISIONED_USER_FIELDS)[number];

/**
 * A field a source can own: a built-in user field, the user's direct `roles`, its `groups`, or one host
 * attribute (`attributes.costCentre`).
 */
export type ProvisionedField = ProvisionedUserField | "roles" | "groups" | `attributes.${string}`;

/** The fields every user needs at creation: a directory source must own them (the manual's "all required fields must be tied to LDAP"). */
export const REQUIRED_PROVISIONED_FIELDS = ["username", "fullName", "email"] as const satisfies readonly ProvisionedUserField[];

/** A configured source of users and which fields it owns. Build one with {@link defineProvisioningSource}. */
export interface ProvisioningSource {
  /** The source's name, e.g. `corp-ldap`; users linked to it carry it in `source.source`. */
  readonly name: string;
  readonly kind: ProvisioningSourceKind;
  /** Fields the source owns: read-only to manual edits, overwritten by a sync. Others allow manual entry (set at creation only). */
  readonly ownedFields: readonly ProvisionedField[];
  /** Whether users missing from a complete read are de-activated ("all" mode). Spreadsheets: false. */
  readonly deactivatesMissing: boolean;
  /** Largest share (0..1) of the source's active users one plan may de-activate without `force`. */
  readonly maxDeactivationShare: number;
  /** How a record with an unknown externalId is matched to a leftover account of the same source: by username (default) or e-mail. */
  readonly matchBy: "username" | "email";
}

const provisionedFieldSchema = z.union([
  z.enum([...PROVISIONED_USER_FIELDS, "roles", "groups"]),
  z.templateLiteral(["attributes.", z.string().min(1).max(200)]),
]);

/** Schema of the input of {@link defineProvisioningSource}; defaults fill what is left out. */
export const provisioningSourceInputSchema = z
  .object({
    name: boundedString(200, { trim: true }).min(1),
    kind: z.enum(PROVISIONING_SOURCE_KINDS),
    ownedFields: z.array(provisionedFieldSchema).max(1000).default([...REQUIRED_PROVISIONED_FIELDS]),
    deactivatesMissing: z.boolean().optional(),
    maxDeactivationShare: z.number().min(0).max(1).default(0.2),
    matchBy: z.enum(["username", "email"]).default("username"),
  })
  .superRefine((source, context) => {
    if (source.kind !== "directory") return;
    for (const field of REQUIRED_PROVISIONED_FIELDS) {
      if (!source.ownedFields.includes(field)) {
        context.addIssue({
          code: "custom",
          path: ["ownedFields"],
          message: `a directory source must own "${field}": every field a user needs is tied to the directory`,
        });
      }
    }
  });

/**
 * Checks and completes a source's configuration. Defaults: `ownedFields` the required fields
 * (username, full name, e-mail); `deactivatesMissing` true for directories and SCIM, false for
 * spreadsheets (a sheet lists whom to add, not the whole population); `maxDeactivationShare` 0.2;
 * `matchBy` `username`. A directory source must own the required fields.
 *
 * @example
 * ```ts
 * const ldap = defineProvisioningSource({
 *   name: "corp-ldap", kind: "directory",
 *   ownedFields: ["username", "fullName", "email", "phone", "groups"],
 * })._unsafeUnwrap();
 * ldap.deactivatesMissing; // true
 * ```
 */
export function defineProvisioningSource(input: unknown): Result<ProvisioningSource, ValidationError> {
  return parseInput(provisioningSourceInputSchema, input).map(
    (parsed): ProvisioningSource => ({
      name: parsed.name,
      kind: parsed.kind,
      ownedFields: [...new Set(parsed.ownedFields)] as ProvisionedField[],
      deactivatesMissing: parsed.deactivatesMissing ?? parsed.kind !== "spreadsheet",
      maxDeactivationShare: parsed.maxDeactivationShare,
      matchBy: parsed.matchBy,
    }),
  );
}
