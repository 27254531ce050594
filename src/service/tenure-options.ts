import type { PermissionCache } from "../access/permission-cache.js";
import type { Catalog } from "../access/catalog.js";
import type { TenureModel } from "../model/define-model.js";
import type { OrganizationId, UserId } from "../model/ids.js";
import type { SettingsInput } from "../model/settings.js";
import type { TokenPurpose } from "../model/token.js";
import type { Clock } from "../ports/clock.js";
import type { IdGenerator } from "../ports/id-generator.js";
import type { OwnedResources } from "../ports/owned-resources.js";
import type { DirectoryBinding } from "./directory-binding.js";
import type { PasswordHasher } from "../ports/password-hasher.js";
import type { SecretGenerator } from "../ports/secret-generator.js";
import type { TenureStore } from "../ports/tenure-store.js";
import type { ProvisioningSource } from "../provisioning/provisioning-source.js";

/** What a single-use link points at; the host turns it into a URL of its own application. */
export interface LinkRequest {
  readonly purpose: TokenPurpose;
  /** The secret to put in the link; it is shown once, here, and stored only as a hash. */
  readonly secret: string;
  readonly organizationId: OrganizationId;
  readonly userId: UserId;
}

/**
 * The ports the service falls back on when {@link TenureOptions} leaves them out. The service imports
 * no adapter: the package entry point's `createTenure` passes the node ones (`NODE_DEFAULTS`: system
 * clock, nanoid ids, scrypt, random secrets); a host on another runtime passes its own to
 * `createTenureWith`. The id generator and the hasher are made once per service.
 */
export interface TenureDefaults {
  /** The clock when `clock` is left out. */
  readonly clock: Clock;
  /** Makes the id generator when `ids` is left out (called once per service). */
  readonly ids: () => IdGenerator;
  /** Makes the password hasher when `hasher` is left out (called once per service). */
  readonly hasher: () => PasswordHasher;
  /** The secret generator when `secrets` is left out. */
  readonly secrets: SecretGenerator;
}

/** Everything {@link createTenure} needs; only `catalog`, `store` and `links` have no default. */
export interface TenureOptions<
  P extends string,
  R extends string,
  S extends string,
  UA extends object,
  OA extends object,
  Native,
> {
  readonly catalog: Catalog<P, R, S>;
  readonly store: TenureStore<UA, OA, Native>;
  /** Builds the URL mailed for an invitation, activation or password reset, e.g. `https://app.example/set-password?token=…`. */
  readonly links: (link: LinkRequest) => string;
  /** The host's attribute schemas; defaults to none. */
  readonly model?: TenureModel<UA, OA>;
  /** Installation settings; every field has a default. Organizations may override some. */
  readonly settings?: SettingsInput;
  /** Defaults to the system clock. */
  readonly clock?: Clock;
  /** Defaults to prefixed nanoid ids. */
  readonly ids?: IdGenerator;
  /** Defaults to scrypt. */
  readonly hasher?: PasswordHasher;
  /** Defaults to 256-bit random secrets. */
  readonly secrets?: SecretGenerator;
  /** The host's data owned by users, deleted or transferred on removal; without it, removal handles no data. */
  readonly ownedResources?: OwnedResources<Native>;
  /**
   * The sources that provision users (a directory, a spreadsheet import, an identity provider), each
   * from `defineProvisioningSource`, by unique name. A user linked to a source has the fields it owns
   * read-only to manual edits; `tenure.provisioning` applies what a source says. Defaults to none.
   */
  readonly sources?: readonly ProvisioningSource[];
  /**
   * The directory (LDAP) an organization's users come from, if any: its source (a configured source
   * of kind `directory`), the reader and the mapping. An organization with one is directory-backed:
   * new users other than third-party ones come only from `directory.update`. Defaults to none.
   */
  readonly directories?: (organizationId: OrganizationId) => DirectoryBinding | null;
  /** Shared cache of effective permissions; one is made if none is given. */
  readonly permissionCache?: PermissionCache<P>;
}
