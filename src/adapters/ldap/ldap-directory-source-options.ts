/** Which members of a group a {@link LdapDirectorySourceOptions.group} limit keeps. */
export interface LdapGroupLimit {
  /** The group's DN (a `groupOfNames`, `groupOfUniqueNames` or Active Directory `group`). */
  readonly dn: string;
  /** Whether members of groups inside the group count too, to any depth; default `true`. */
  readonly nested?: boolean;
}

/** How the connection is secured. An `ldaps://` URL is TLS from the start; `startTls` upgrades `ldap://`. */
export interface LdapTlsOptions {
  /** Upgrade an `ldap://` connection with StartTLS before the bind; default `false`. Not with `ldaps://`. */
  readonly startTls?: boolean;
  /** Certificate authorities to trust (PEM), when the server's certificate is not signed by a public one. */
  readonly ca?: string | Buffer | readonly (string | Buffer)[];
  /** Refuse a certificate that does not verify; default `true`. Turn off only for a test server. */
  readonly rejectUnauthorized?: boolean;
}

/**
 * The options of `createLdapDirectorySource`: host configuration, checked when the source is created
 * (a bad value throws a `TypeError` naming the field), never at read time.
 */
export interface LdapDirectorySourceOptions {
  /** The configured source's name, as the provisioning records and `source_unavailable` errors name it. */
  readonly name: string;
  /** `ldap://host:port` or `ldaps://host:port` (no path, no credentials). */
  readonly url: string;
  /** The DN of the account the read binds as; a normal account, not the root DN (which ignores size limits). */
  readonly bindDn: string;
  /** Its password. It never appears in an error message. */
  readonly bindPassword: string;
  /** Where the users are searched, e.g. `ou=people,dc=acme,dc=example`. */
  readonly baseDn: string;
  /** An RFC 4515 search filter; default `(objectClass=inetOrgPerson)`. */
  readonly filter?: string;
  /** `sub` (the base and everything below it, the default), `one` (its children) or `base`. */
  readonly scope?: "base" | "one" | "sub";
  /** The attributes to read, e.g. `["uid", "mail", "givenName"]`; entries report them under these names. */
  readonly attributes: readonly string[];
  /**
   * The attribute holding each entry's stable id; default `entryUUID` (OpenLDAP, 389-DS). `objectGUID`
   * (Active Directory) is read as binary and reported as a GUID string. An entry without it fails the read.
   */
  readonly idAttribute?: string;
  /** Limit the read to this group's members (by the groups' `member`/`uniqueMember`, not `memberOf`). */
  readonly group?: LdapGroupLimit;
  /** DNs of groups whose membership (nested) each entry reports in `groups`. */
  readonly reportGroups?: readonly string[];
  /** Entries per page of the paged search; default 500. The whole result is read, page by page. */
  readonly pageSize?: number;
  /** How long each request (bind, page, group read) may take, in milliseconds; default 10000. */
  readonly timeoutMs?: number;
  /** How long connecting may take, in milliseconds; default `timeoutMs`. */
  readonly connectTimeoutMs?: number;
  /** TLS settings for `ldaps://` or StartTLS. */
  readonly tls?: LdapTlsOptions;
}
