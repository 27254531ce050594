import { Client, type Entry } from "ldapts";
import type { ConnectionOptions } from "node:tls";
import { err, ok, type Result } from "neverthrow";
import { TenureErrors, type SourceUnavailableError } from "../../model/tenure-error.js";
import type { DirectoryEntry, DirectoryRead, DirectorySource } from "../../ports/directory-source.js";
import { classifyFailure, type ReadStage } from "./_internal/classify-failure.js";
import { entryValues, valueText } from "./_internal/entry-values.js";
import { formatObjectGuid } from "./_internal/format-object-guid.js";
import { GroupMembership } from "./_internal/group-membership.js";
import { GroupReadProblem } from "./_internal/group-read-problem.js";
import { normalizeDn } from "../../provisioning/distinguished-name.js";
import { parseLdapOptions, type ParsedLdapOptions } from "./_internal/parse-options.js";
import { startTls } from "./_internal/start-tls.js";
import type { LdapDirectorySourceOptions } from "./ldap-directory-source-options.js";

type ReadResult = Result<DirectoryRead, SourceUnavailableError>;

/**
 * A {@link DirectorySource} over an LDAP server (OpenLDAP, 389-DS, Active Directory) through `ldapts`, an
 * optional peer dependency. Each `read` connects, binds as the configured account, reads every entry of
 * the base and filter with a paged search (so server size limits on unpaged searches do not cut it
 * short), applies the group limit, and unbinds. It never throws and never returns part of the
 * population: an unreachable server, a refused bind, a timeout, a size limit, a paged search ended early
 * or an entry without its id is `source_unavailable` with that reason. Error messages never contain the
 * bind password. Throws a `TypeError` at creation for bad options (host configuration).
 *
 * @example
 * ```ts
 * import { createLdapDirectorySource } from "tenure/ldap";
 *
 * const directory = createLdapDirectorySource({
 *   name: "corporate-ldap",
 *   url: "ldaps://ldap.acme.example:636",
 *   bindDn: "cn=tenure-sync,ou=system,dc=acme,dc=example",
 *   bindPassword: process.env.LDAP_SYNC_PASSWORD ?? "",
 *   baseDn: "ou=people,dc=acme,dc=example",
 *   attributes: ["uid", "mail", "givenName", "sn"],
 *   group: { dn: "cn=staff,ou=groups,dc=acme,dc=example" },
 * });
 * const read = await directory.read();
 * if (read.isErr()) console.error(read.error.reason, read.error.message);
 * ```
 */
export function createLdapDirectorySource(options: LdapDirectorySourceOptions): DirectorySource {
  const parsed = parseLdapOptions(options);
  return { read: () => readDirectory(parsed) };
}

async function readDirectory(options: ParsedLdapOptions): Promise<ReadResult> {
  const tlsOptions: ConnectionOptions = {
    rejectUnauthorized: options.tls?.rejectUnauthorized ?? true,
    ...(options.tls?.ca === undefined ? {} : { ca: options.tls.ca as ConnectionOptions["ca"] }),
  };
  const client = new Client({
    url: options.url,
    timeout: options.timeoutMs,
    connectTimeout: options.connectTimeoutMs ?? options.timeoutMs,
    // ldapts opens TLS whenever it is given TLS options, so an ldap:// URL gets them only for StartTLS.
    ...(/^ldaps:/i.test(options.url) ? { tlsOptions } : {}),
  });
  const fail = (reason: SourceUnavailableError["reason"], message: string): ReadResult =>
    err(TenureErrors.sourceUnavailable(options.name, reason, redact(`LDAP source "${options.name}" (${options.url}): ${message}`, options.bindPassword)));
  let stage: ReadStage = "connect";
  let pagesRead = 0;
  try {
    if (options.tls?.startTls === true) await startTls(client, options, tlsOptions);
    stage = "bind";
    await client.bind(options.bindDn, options.bindPassword);
    stage = "search";
    const found: Entry[] = [];
    const binaryId = options.idAttribute.toLowerCase() === "objectguid";
    const pages = client.searchPaginated(options.baseDn, {
      scope: options.scope,
      filter: options.filter,
      attributes: [...new Set([...options.attributes, options.idAttribute])],
      explicitBufferAttributes: binaryId ? [options.idAttribute, "objectGUID"] : [],
      paged: { pageSize: options.pageSize },
      timeLimit: Math.ceil(options.timeoutMs / 1000),
    });
    for await (const page of pages) {
      pagesRead += 1;
      found.push(...page.searchEntries);
    }
    const entries: DirectoryEntry[] = [];
    const ids = new Set<string>();
    for (const entry of found) {
      const id = entryId(entry, options.idAttribute, binaryId);
      if (typeof id !== "string") return fail("invalid_response", `the entry ${entry.dn} ${id.problem}`);
      if (ids.has(id)) return fail("invalid_response", `two entries have the ${options.idAttribute} ${id}`);
      ids.add(id);
      entries.push({ externalId: id, dn: entry.dn, attributes: entryAttributes(entry, options.attributes), groups: [] });
    }
    stage = "groups";
    const limited = await withGroups(client, entries, options);
    return ok({ entries: limited, scope: options.group?.dn ?? `${options.baseDn} ${options.filter}` });
  } catch (error) {
    if (error instanceof GroupReadProblem) return fail(error.reason, error.message);
    const failure = classifyFailure(error, stage, pagesRead);
    return fail(failure.reason, failure.message);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

async function withGroups(client: Client, entries: readonly DirectoryEntry[], options: ParsedLdapOptions): Promise<DirectoryEntry[]> {
  if (options.group === undefined && options.reportGroups.length === 0) return [...entries];
  const byDn = new Map(entries.map((entry) => [normalizeDn(entry.dn), entry]));
  const membership = new GroupMembership(client, new Set(byDn.keys()));
  const limit = options.group === undefined ? null : await membership.members(options.group.dn, options.group.nested);
  const reported: [string, ReadonlySet<string>][] = [];
  for (const groupDn of options.reportGroups) reported.push([groupDn, await membership.members(groupDn, true)]);
  const result: DirectoryEntry[] = [];
  for (const [dn, entry] of byDn) {
    if (limit !== null && !limit.has(dn)) continue;
    result.push({ ...entry, groups: reported.filter(([, members]) => members.has(dn)).map(([groupDn]) => groupDn) });
  }
  return result;
}

function entryId(entry: Entry, idAttribute: string, binary: boolean): string | { readonly problem: string } {
  const values = entryValues(entry, idAttribute);
  if (values.length === 0) return { problem: `has no ${idAttribute}` };
  if (values.length > 1) return { problem: `has ${values.length} values of ${idAttribute}` };
  const value = values[0] as string | Buffer;
  if (binary) {
    const guid = typeof value === "string" ? null : formatObjectGuid(value);
    return guid ?? { problem: `has an ${idAttribute} that is not 16 bytes` };
  }
  const text = valueText(value).trim();
  return text === "" ? { problem: `has an empty ${idAttribute}` } : text;
}

function entryAttributes(entry: Entry, names: readonly string[]): Record<string, readonly string[]> {
  const attributes: Record<string, readonly string[]> = {};
  for (const name of names) {
    const values = entryValues(entry, name);
    if (values.length > 0) attributes[name] = values.map(valueText);
  }
  return attributes;
}

function redact(message: string, secret: string): string {
  return message.split(secret).join("[redacted]");
}
