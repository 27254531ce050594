import { createAccessResolver, type AccessResolver } from "../../access/access-resolver.js";
import type { Catalog } from "../../access/catalog.js";
import { createPermissionCache, type PermissionCache } from "../../access/permission-cache.js";
import { emptyBits, setBit } from "../../access/bit-set.js";
import { effectivePermissionsFactory, type EffectivePermissions } from "../../access/effective-permissions.js";
import { DEFAULT_MODEL, type TenureModel } from "../../model/define-model.js";
import { settingsSchema, type Settings } from "../../model/settings.js";
import type { Clock } from "../../ports/clock.js";
import type { IdGenerator } from "../../ports/id-generator.js";
import type { OrganizationId } from "../../model/ids.js";
import type { OwnedResources } from "../../ports/owned-resources.js";
import type { DirectoryBinding } from "../directory-binding.js";
import type { PasswordHasher } from "../../ports/password-hasher.js";
import type { SecretGenerator } from "../../ports/secret-generator.js";
import type { TenureStore } from "../../ports/tenure-store.js";
import type { ProvisioningSource } from "../../provisioning/provisioning-source.js";
import type { LinkRequest, TenureDefaults, TenureOptions } from "../tenure-options.js";

/** The resolved dependencies every command runs with. */
export interface ServiceContext<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native> {
  readonly catalog: Catalog<P, R, S>;
  readonly access: AccessResolver<P, R>;
  readonly cache: PermissionCache<P>;
  /** Every permission of the catalog: what the trusted system actor holds. */
  readonly everything: EffectivePermissions<P>;
  readonly store: TenureStore<UA, OA, Native>;
  readonly model: TenureModel<UA, OA>;
  readonly settings: Settings;
  readonly links: (link: LinkRequest) => string;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly hasher: PasswordHasher;
  readonly secrets: SecretGenerator;
  readonly ownedResources: OwnedResources<Native> | null;
  /** The configured provisioning sources by name. */
  readonly sources: ReadonlyMap<string, ProvisioningSource>;
  /** The directory of an organization, `null` when it has none (see `TenureOptions.directories`). */
  readonly directoryOf: (organizationId: OrganizationId) => DirectoryBinding | null;
}

/**
 * Fills in the defaults of the options: the ports the host left out come from `defaults` (the entry
 * point passes the node ones; the service itself imports no adapter). Throws on invalid installation settings: a programmer error at start-up. */
export function createServiceContext<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  options: TenureOptions<P, R, S, UA, OA, Native>,
  defaults: TenureDefaults,
): ServiceContext<P, R, S, UA, OA, Native> {
  const settings = settingsSchema.safeParse(options.settings ?? {});
  if (!settings.success) {
    throw new Error(`Invalid tenure settings: ${settings.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
  }
  const sources = new Map<string, ProvisioningSource>();
  for (const source of options.sources ?? []) {
    if (sources.has(source.name)) throw new Error(`Invalid tenure sources: the name "${source.name}" is used twice.`);
    sources.set(source.name, source);
  }
  const all = emptyBits(options.catalog.permissionNames.length);
  options.catalog.permissionNames.forEach((_, index) => setBit(all, index));
  return {
    catalog: options.catalog,
    everything: effectivePermissionsFactory(options.catalog.compiled, options.catalog.permissionNames)(all, null),
    access: createAccessResolver(options.catalog),
    cache: options.permissionCache ?? createPermissionCache<P>(),
    store: options.store,
    model: options.model ?? (DEFAULT_MODEL as unknown as TenureModel<UA, OA>),
    settings: settings.data,
    links: options.links,
    clock: options.clock ?? defaults.clock,
    ids: options.ids ?? defaults.ids(),
    hasher: options.hasher ?? defaults.hasher(),
    secrets: options.secrets ?? defaults.secrets,
    ownedResources: options.ownedResources ?? null,
    sources,
    directoryOf: options.directories ?? (() => null),
  };
}
