import * as z from "zod";
import { organizationIdSchema, userIdSchema } from "./ids.js";
import { organizationSettingsSchema } from "./settings.js";
import { boundedString } from "./bounded-string.js";

/** Longest organization name accepted. */
export const ORGANIZATION_NAME_MAX = 200;

/**
 * The built-in fields of an organization: a tenant. `partnerId` makes it a customer of a partner
 * organization; `entitlements` are its company-level permissions (null: not restricted).
 */
export const organizationBaseShape = {
  id: organizationIdSchema,
  name: z.string().trim().min(1).max(ORGANIZATION_NAME_MAX),
  /** Host-defined kind, e.g. `operator`, `partner`, `customer`, `site`. */
  kind: boundedString(64).regex(/^[a-z][a-z0-9_-]*$/, { message: "must be a lowercase kind name" }),
  partnerId: organizationIdSchema.nullable(),
  entitlements: z.array(z.string().min(1).max(200)).nullable(),
  contactPersonId: userIdSchema.nullable(),
  settings: organizationSettingsSchema,
  version: z.number().int().nonnegative(),
  createdAt: z.date(),
  updatedAt: z.date(),
};

/** Schema of an organization without host attributes. */
export const organizationBaseSchema = z.object(organizationBaseShape);

/** An organization (tenant) with the host's own attributes `A`. */
export type Organization<A extends object = Record<never, never>> = z.output<typeof organizationBaseSchema> & {
  readonly attributes: A;
};
