import * as z from "zod";
import { organizationBaseShape, type Organization } from "./organization.js";
import { userBaseShape, type User } from "./user.js";

/** An attribute schema with no fields: the default when a host declares none. */
const noAttributes = z.object({});

/**
 * The host's extension of users and organizations: their own attributes, declared once as zod object
 * schemas, validated with the built-in fields, and typed through the whole API.
 */
export interface TenureModel<UserAttributes extends object, OrganizationAttributes extends object> {
  /** Schema of the host's user attributes alone. */
  readonly userAttributes: z.ZodType<UserAttributes>;
  /** Schema of the host's organization attributes alone. */
  readonly organizationAttributes: z.ZodType<OrganizationAttributes>;
  /** Schema of a complete stored user, built-in fields and `attributes`. */
  readonly userSchema: z.ZodType<User<UserAttributes>>;
  /** Schema of a complete stored organization, built-in fields and `attributes`. */
  readonly organizationSchema: z.ZodType<Organization<OrganizationAttributes>>;
}

/** The options of {@link defineModel}. */
export interface DefineModelOptions<UserShape extends z.ZodObject, OrganizationShape extends z.ZodObject> {
  /** The host's user attributes, e.g. `z.object({ showVersion: z.boolean().default(true) })`. */
  readonly userAttributes?: UserShape;
  /** The host's organization attributes, e.g. `z.object({ costCentre: z.string() })`. */
  readonly organizationAttributes?: OrganizationShape;
}

/**
 * Declares the host's own user and organization attributes. Defaults in the attribute schemas apply
 * when a value is missing, so a spreadsheet column left empty imports the default.
 *
 * @example
 * ```ts
 * const model = defineModel({
 *   userAttributes: z.object({ showVersion: z.boolean().default(true), costCentre: z.string().nullable().default(null) }),
 * });
 * type MyUser = ModelUser<typeof model>; // MyUser["attributes"]["showVersion"] is boolean
 * ```
 */
export function defineModel<
  UserShape extends z.ZodObject = typeof noAttributes,
  OrganizationShape extends z.ZodObject = typeof noAttributes,
>(
  options: DefineModelOptions<UserShape, OrganizationShape> = {},
): TenureModel<
  // An object schema with no fields parses to zod's `Record<string, never>`, under which any attribute
  // name would compile: with no fields declared, the attributes are the empty object instead.
  [keyof UserShape["shape"]] extends [never] ? Record<never, never> : z.output<UserShape>,
  [keyof OrganizationShape["shape"]] extends [never] ? Record<never, never> : z.output<OrganizationShape>
> {
  type UA = [keyof UserShape["shape"]] extends [never] ? Record<never, never> : z.output<UserShape>;
  type OA = [keyof OrganizationShape["shape"]] extends [never] ? Record<never, never> : z.output<OrganizationShape>;
  const userAttributes = (options.userAttributes ?? noAttributes) as UserShape;
  const organizationAttributes = (options.organizationAttributes ?? noAttributes) as OrganizationShape;
  return {
    userAttributes: userAttributes as unknown as z.ZodType<UA>,
    organizationAttributes: organizationAttributes as unknown as z.ZodType<OA>,
    userSchema: z.object({ ...userBaseShape, attributes: userAttributes }) as unknown as z.ZodType<
      User<UA>
    >,
    organizationSchema: z.object({ ...organizationBaseShape, attributes: organizationAttributes }) as unknown as z.ZodType<
      Organization<OA>
    >,
  };
}

/** The user type of a model. */
export type ModelUser<M> = M extends TenureModel<infer U, object> ? User<U> : never;
/** The organization type of a model. */
export type ModelOrganization<M> = M extends TenureModel<object, infer O> ? Organization<O> : never;

/** The model with no host attributes. */
export const DEFAULT_MODEL: TenureModel<Record<never, never>, Record<never, never>> = defineModel();
