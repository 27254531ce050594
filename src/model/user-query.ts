import * as z from "zod";
import { ACCOUNT_STATUSES, type AccountStatus } from "./account-state.js";
import { groupIdSchema, userIdSchema } from "./ids.js";
import { pageTotalSchema } from "./page-total.js";
import { PROVISIONING_SOURCE_KINDS } from "./provisioning-action.js";
import { audienceSchema } from "./user.js";

/** Fields a user list can be sorted by (the zoned workspace lists by full name, username or e-mail). */
export const userSortFieldSchema = z.enum(["fullName", "username", "email"]);
/** See {@link userSortFieldSchema}. */
export type UserSortField = z.output<typeof userSortFieldSchema>;

const someOf = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(1000).optional();

/**
 * Filters of a user list. Within one field the values are alternatives (any of); fields combine with
 * AND, so any combination of role, group, location and company can be asked for.
 */
export const userFilterSchema = z.object({
  /** Users holding one of these roles in any scope, directly or through a group. */
  roles: someOf(z.string().min(1).max(200)),
  /** Users who are members of one of these groups. */
  groupIds: someOf(groupIdSchema),
  locations: someOf(z.string().max(400)),
  companies: someOf(z.string().max(400)),
  /** Account statuses, as they stand at the query's `asOf` (a block past its end counts as active). */
  statuses: someOf(z.enum(ACCOUNT_STATUSES as [AccountStatus, ...AccountStatus[]])),
  audiences: someOf(audienceSchema),
  thirdParty: z.boolean().optional(),
  /** Users entered locally, or provisioned by a source of this kind. */
  source: z.enum(["local", ...PROVISIONING_SOURCE_KINDS]).optional(),
  /** Users linked to the configured source of this name. */
  sourceName: z.string().min(1).max(200).optional(),
});
/** See {@link userFilterSchema}. */
export type UserFilter = z.output<typeof userFilterSchema>;

/**
 * Restricts a list to the users a viewer may see (the document workspace rules): `all` sees everyone;
 * `shared_groups` sees the users who share a group with `viewerId`, and the viewer; `self` sees only the viewer.
 */
export const userVisibilitySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("all") }),
  z.object({ type: z.literal("shared_groups"), viewerId: userIdSchema }),
  z.object({ type: z.literal("self"), viewerId: userIdSchema }),
]);
/** See {@link userVisibilitySchema}. */
export type UserVisibility = z.output<typeof userVisibilitySchema>;

/** A page request over the users of one organization. */
export const userQuerySchema = z.object({
  filter: userFilterSchema.prefault({}),
  /** Only users whose sort field starts with this (compared by sort key): "type a letter, jump to it". */
  prefix: z.string().max(256).optional(),
  sort: z
    .object({ field: userSortFieldSchema.default("fullName"), direction: z.enum(["asc", "desc"]).default("asc") })
    .prefault({}),
  limit: z.number().int().min(1).max(1000).default(50),
  /** Cursor from the previous page's `nextCursor`; absent for the first page. */
  after: z.string().max(2048).optional(),
  /** When the page carries the list's `total` (`"first_page"` when absent): see `PageTotal`. */
  total: pageTotalSchema.optional(),
  /** The instant at which statuses are judged; without it the stored status counts. */
  asOf: z.date().optional(),
  visibility: userVisibilitySchema.prefault({ type: "all" }),
});
/** A parsed user query, defaults applied. */
export type UserQuery = z.output<typeof userQuerySchema>;
/** A user query as a caller writes it: every field optional. */
export type UserQueryInput = z.input<typeof userQuerySchema>;
