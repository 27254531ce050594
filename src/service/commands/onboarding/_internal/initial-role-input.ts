import * as z from "zod";
import { scopeRefSchema } from "../../../../model/scope.js";

/** Most roles one new user may be given at once. */
export const INITIAL_ROLES_MAX = 100;

/** A role a new user is given: a role of the catalog, in the organization (the default) or a scope below it, or the platform. */
export const initialRoleSchema = z.object({
  role: z.string().min(1).max(200),
  scope: scopeRefSchema.optional(),
});
