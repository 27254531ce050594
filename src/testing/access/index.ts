// The permission-model kit of `tenure/testing`: arbitraries, a reference resolver, and the laws.
export {
  catalogSpecArbitrary,
  catalogArbitrary,
  type CatalogSpecArbitraryOptions,
  type GeneratedCatalogSpec,
} from "./catalog-spec-arbitrary.js";
export { accessWorldArbitrary, type AccessWorldOptions } from "./access-world-arbitrary.js";
export {
  worldSubject,
  worldTarget,
  worldUser,
  type AccessWorld,
  type WorldOrganization,
  type WorldScope,
  type WorldUser,
  type WorldGroup,
} from "./access-world.js";
export {
  referenceResolve,
  referenceEffective,
  referenceRoleClosure,
  referenceIsActive,
  type ReferenceAnswer,
  type ReferenceGrant,
} from "./reference-resolver.js";
export { permissionLaws, type PermissionLaw, type PermissionLawsOptions } from "./permission-laws.js";
export {
  describePermissionLaws,
  type DescribePermissionLawsOptions,
  type PermissionLawsTestApi,
} from "./describe-permission-laws.js";
