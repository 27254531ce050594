import type { ResultAsync } from "neverthrow";
import type { Group } from "../../../model/group.js";
import type { TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { addGroupMembers, type AddGroupMembersInput } from "./add-group-members.js";
import { createGroup, type CreateGroupInput } from "./create-group.js";
import { deleteGroup, type DeleteGroupInput } from "./delete-group.js";
import { recolourGroup, type RecolourGroupInput } from "./recolour-group.js";
import { removeGroupMembers, type RemoveGroupMembersInput } from "./remove-group-members.js";
import { renameGroup, type RenameGroupInput } from "./rename-group.js";
import { getGroup, listGroups, type GetGroupInput, type ListGroupsInput } from "../../queries/read-groups.js";

/** Group management ("Manage groups"): create, rename, recolour, delete, add and remove members. */
export interface GroupCommands {
  /** Creates an empty group. */
  create(actor: Actor, input: CreateGroupInput): ResultAsync<Group, TenureError>;
  /** Renames a group as read. */
  rename(actor: Actor, input: RenameGroupInput): ResultAsync<Group, TenureError>;
  /** Changes a group's display colour. */
  recolour(actor: Actor, input: RecolourGroupInput): ResultAsync<Group, TenureError>;
  /** Deletes a group and revokes its roles, never the last admin's. */
  delete(actor: Actor, input: DeleteGroupInput): ResultAsync<void, TenureError>;
  /** Adds users, who hold the group's roles at once. */
  addMembers(actor: Actor, input: AddGroupMembersInput): ResultAsync<Group, TenureError>;
  /** Removes users, who lose the group's roles at once. */
  removeMembers(actor: Actor, input: RemoveGroupMembersInput): ResultAsync<Group, TenureError>;
  /** The groups the actor may see, by name, with their members (external users: their own groups). */
  list(actor: Actor, input: ListGroupsInput): ResultAsync<readonly Group[], TenureError>;
  /** One group with its members and version, if the actor may see it. */
  get(actor: Actor, input: GetGroupInput): ResultAsync<Group, TenureError>;
}

/**
 * The group commands of a service.
 *
 * @example
 * ```ts
 * const groups = groupCommands(context);
 * const sales = (await groups.create(actor, { organizationId, name: "Sales", colour: "#1e90ff" }))._unsafeUnwrap();
 * await groups.addMembers(actor, { organizationId, groupId: sales.id, expectedVersion: sales.version, userIds: [annId] });
 * ```
 */
export function groupCommands<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
): GroupCommands {
  return {
    create: (actor, input) => createGroup(context, actor, input),
    rename: (actor, input) => renameGroup(context, actor, input),
    recolour: (actor, input) => recolourGroup(context, actor, input),
    delete: (actor, input) => deleteGroup(context, actor, input),
    addMembers: (actor, input) => addGroupMembers(context, actor, input),
    removeMembers: (actor, input) => removeGroupMembers(context, actor, input),
    list: (actor, input) => listGroups(context, actor, input),
    get: (actor, input) => getGroup(context, actor, input),
  };
}
