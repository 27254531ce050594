import type { AccountStatus } from "../model/account-state.js";
import type { UserId } from "../model/ids.js";
import type { ScopeRef } from "../model/scope.js";
import type { Audience } from "../model/user.js";
import type { ProvisionedUserField } from "./provisioning-source.js";

/**
 * A role a record asks for. A missing `scope` means the organization's own scope; so does a scope of
 * kind `organization` (a member's organization scope is always its own), and the planner compares them alike.
 */
export interface SourceRole {
  readonly role: string;
  readonly scope?: ScopeRef | undefined;
}

/** One record the source says should exist. Only its structure is checked by the planner; the service runs the user-data rules on the values. */
export interface SourceRecord {
  /** The source's stable id of the record (LDAP `entryUUID`, a SCIM id, a sheet's id column): survives renames. */
  readonly externalId: string;
  /** Where the record sits in the source, for messages: `"row 5"`, a DN… */
  readonly position?: string | undefined;
  /** The built-in fields the record provides; a field left out (or `undefined`) is not provided and never changed. */
  readonly fields: Partial<Record<ProvisionedUserField, string | boolean | null | undefined>>;
  /** Host attributes the record provides. */
  readonly attributes?: Readonly<Record<string, unknown>> | undefined;
  /** Direct roles the record asks for; left out: the roles are not touched (at creation: the catalog's defaults). */
  readonly roles?: readonly SourceRole[] | undefined;
  /** Group names the record asks for; left out: the groups are not touched. */
  readonly groups?: readonly string[] | undefined;
  /** false: the source keeps the record but marks it inactive (SCIM active=false, a disabled directory entry). */
  readonly active?: boolean | undefined;
  /** YYYY-MM-DD, for third-party records: the last day of access, passed on to the service. */
  readonly thirdPartyLastDay?: string | undefined;
}

/** The built-in fields of a {@link SourceLinkedUser}, as stored. */
export interface SourceLinkedUserFields {
  readonly username: string;
  readonly fullName: string;
  readonly email: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly phone: string | null;
  readonly pager: string | null;
  readonly cellphone: string | null;
  readonly location: string | null;
  readonly company: string | null;
  readonly audience: Audience;
  readonly thirdParty: boolean;
  readonly workflowAccess: boolean;
}

/** A user of the organization linked to this source, as the planner compares it. */
export interface SourceLinkedUser {
  readonly userId: UserId;
  readonly externalId: string;
  readonly version: number;
  readonly fields: SourceLinkedUserFields;
  readonly attributes: Readonly<Record<string, unknown>>;
  /** The account's status; `removed` users are never touched nor matched. */
  readonly status: AccountStatus;
  /** Why a de-activated user is de-activated: only `source` (or `directory`) ones are re-activated by a sync. */
  readonly deactivatedBy: "source" | "other" | null;
  /** Direct role assignments. */
  readonly roles: readonly { readonly role: string; readonly scope: ScopeRef }[];
  /** Group names. */
  readonly groups: readonly string[];
}
