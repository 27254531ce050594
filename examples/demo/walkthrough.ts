/**
 * The demo's walkthrough, part by part in the order of the manuals: the marketplace (000, 002), the
 * partner portal (001), the document workspace (003) and the proposal workspace with zones (004).
 * Each part runs its platform's catalog and settings (`examples/catalogs/`) through `createTenure`
 * on a store of its own; one clock, moved only by the demo, runs through all of them.
 */
import { createDemoWorld, DEMO_START, formatDay, type DemoWorld } from "../support/demo-kit.js";
import { documentWorkspacePart } from "./document-workspace.js";
import { marketplacePart } from "./marketplace.js";
import { partnerPortalPart } from "./partner-portal.js";
import { proposalWorkspacePart } from "./proposal-workspace.js";

/** Runs the whole walkthrough over stores from `newStore`, printing to `print`. */
export async function runDemo(newStore: DemoWorld["newStore"], print?: (line?: string) => void): Promise<void> {
  const world = createDemoWorld(newStore, print);
  world.print(`Every step below is a call a host makes on the service. The demo's clock starts on ${formatDay(DEMO_START)}, 10:00 in Berlin.`);
  await marketplacePart(world);
  await partnerPortalPart(world);
  await documentWorkspacePart(world);
  await proposalWorkspacePart(world);
}
