/** The kinds of source that provision users: a directory (LDAP), a spreadsheet import, an identity provider over SCIM. */
export const PROVISIONING_SOURCE_KINDS = ["directory", "spreadsheet", "scim"] as const;
/** See {@link PROVISIONING_SOURCE_KINDS}. */
export type ProvisioningSourceKind = (typeof PROVISIONING_SOURCE_KINDS)[number];

/**
 * What a provisioning plan does with one record or user: `create` a new account, `update` the fields
 * that differ, `deactivate` one gone from the source, `reactivate` one back in it, `relink` a re-created
 * source record to its leftover account, `convert` between regular and third party, or leave it `unchanged`.
 */
export const PROVISIONING_ACTIONS = ["create", "update", "deactivate", "reactivate", "relink", "convert", "unchanged"] as const;
/** See {@link PROVISIONING_ACTIONS}. */
export type ProvisioningAction = (typeof PROVISIONING_ACTIONS)[number];
