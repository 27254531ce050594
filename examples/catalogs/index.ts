/**
 * The four platforms of the manuals as catalogs plus settings, for tests that check laws over every
 * one of them. Each module also exports its own types and helpers; import them by namespace.
 *
 * @example
 * ```ts
 * import { examplePlatforms, marketplace } from "../examples/catalogs/index.js";
 * for (const platform of examplePlatforms) createAccessResolver(platform.catalog);
 * marketplace.marketplaceCatalog({ ampiUserByDefault: true });
 * ```
 */
import type { Catalog, Settings } from "tenure";
import * as documentWorkspace from "./document-workspace.js";
import * as marketplace from "./marketplace.js";
import * as partnerPortal from "./partner-portal.js";
import * as proposalWorkspace from "./proposal-workspace.js";

export { documentWorkspace, marketplace, partnerPortal, proposalWorkspace };

/** One platform of the manuals: its name, the manuals it models, its catalog and settings. */
export interface ExamplePlatform {
  readonly name: "marketplace" | "partner-portal" | "document-workspace" | "proposal-workspace";
  /** The files of ../shared/seeds it models. */
  readonly manuals: readonly string[];
  readonly catalog: Catalog;
  readonly settings: Settings;
}

/** Every platform of the manuals, in the order of their manuals. */
export const examplePlatforms: readonly ExamplePlatform[] = [
  { name: "marketplace", manuals: ["000", "002"], catalog: marketplace.catalog, settings: marketplace.settings },
  { name: "partner-portal", manuals: ["001"], catalog: partnerPortal.catalog, settings: partnerPortal.settings },
  { name: "document-workspace", manuals: ["003"], catalog: documentWorkspace.catalog, settings: documentWorkspace.settings },
  { name: "proposal-workspace", manuals: ["004"], catalog: proposalWorkspace.catalog, settings: proposalWorkspace.settings },
];
