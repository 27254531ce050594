/**
 * Part 3 of the demo: the document workspace (manual 003), with the catalog and settings of
 * `examples/catalogs/document-workspace.ts`: administrators, internal, external and guest users and what
 * each sees, a group that carries an authorisation, 2FA, a temporary block that ends by itself, and a
 * removal that transfers the user's documents, everything in the log.
 */
import { ok } from "neverthrow";
import { createTenure, systemActor, userActor, type OwnedResources, type User, type UserId } from "tenure";
import { audienceRoles, catalog, settings } from "../catalogs/document-workspace.js";
import { DEMO_TIME_ZONE, formatDay, must, names, type DemoWorld } from "../support/demo-kit.js";

/**
 * The host's own data: who owns how many documents. A real host keeps them in its database and moves
 * them through `context.native`, inside the removal's transaction.
 */
function documentsPort(owned: Map<string, number>): OwnedResources {
  const count = (userId: UserId) => ({ documents: owned.get(userId) ?? 0 });
  return {
    count: async ({ userId }) => count(userId),
    deleteAll: async ({ userId }) => {
      const counts = count(userId);
      owned.delete(userId);
      return ok(counts);
    },
    transfer: async ({ userId, toUserId }) => {
      const counts = count(userId);
      owned.set(toUserId, (owned.get(toUserId) ?? 0) + counts.documents);
      owned.delete(userId);
      return ok(counts);
    },
  };
}

/** Runs the document-workspace part of the walkthrough. */
export async function documentWorkspacePart(world: DemoWorld): Promise<void> {
  const { section, step } = world;
  const store = world.newStore();
  const documents = new Map<string, number>();
  const tenure = createTenure({
    catalog,
    store,
    clock: world.clock,
    settings: { ...settings, timeZone: DEMO_TIME_ZONE },
    ownedResources: documentsPort(documents),
    links: ({ purpose, secret }) => `https://docs.example/${purpose}?token=${secret}`,
  });

  section("Document workspace (manual 003): who sees whom, and groups that carry authorisations");
  const setup = systemActor("setup");
  const office = must(await tenure.organizations.create(setup, { name: "Lindqvist Architects" }), "create the account");
  const ingrid = must(
    await tenure.onboarding.invite(setup, {
      organizationId: office.id,
      user: { username: "ingrid", fullName: "Ingrid Lindqvist", email: "ingrid@lindqvist.example" },
      roles: [{ role: "administrator" }, { role: "workflow_user" }],
      activate: true,
      sendInvitation: false,
    }),
    "add the administrator",
  ).user;
  const asIngrid = userActor(office.id, ingrid.id);
  step(`the set-up creates the account "${office.name}" and its administrator ${ingrid.fullName}, with workflow access`);
  const add = async (username: string, fullName: string, audience: "internal" | "external" | "guest"): Promise<User> =>
    must(
      await tenure.onboarding.invite(asIngrid, {
        organizationId: office.id,
        user: { username, fullName, email: `${username}@lindqvist.example`, audience },
        roles: [{ role: audienceRoles[audience] }],
        activate: true,
        sendInvitation: false,
      }),
      `add ${fullName}`,
    ).user;
  const ivan = await add("ivan", "Ivan Berg", "internal");
  const elena = await add("elena", "Elena Ruiz", "external");
  const hugo = await add("hugo", "Hugo Claes", "external");
  const gus = await add("gus", "Gus Moreau", "guest");
  step(`Ingrid invites ${ivan.fullName} (internal), ${elena.fullName} and ${hugo.fullName} (external), ${gus.fullName} (guest)`);
  const created = must(await tenure.groups.create(asIngrid, { organizationId: office.id, name: "Harbour Project", colour: "#1e90ff" }), "create a group");
  const harbour = must(
    await tenure.groups.addMembers(asIngrid, { organizationId: office.id, groupId: created.id, expectedVersion: created.version, userIds: [ivan.id, elena.id] }),
    "add members",
  );
  must(await tenure.roles.grant(asIngrid, { organizationId: office.id, principal: { type: "group", id: harbour.id }, role: "workflow_user" }), "grant to the group");
  const atOffice = { organizationId: office.id };
  const mayWorkflow = (user: User) => tenure.access.can({ organizationId: office.id, userId: user.id }, "workflow.access", atOffice);
  step(`she creates the group "${harbour.name}" with Ivan and Elena and gives it workflow access: Elena ${await mayWorkflow(elena)}, Hugo ${await mayWorkflow(hugo)}`);
  const seenBy = async (user: User) => names(must(await tenure.users.list(userActor(office.id, user.id), { organizationId: office.id }), "list users").items);
  step(`the user list as Ingrid (administrator) sees it: ${await seenBy(ingrid)}`);
  step(`as Elena (external) sees it, only who shares a group with her: ${await seenBy(elena)}`);
  step(`as Gus (guest) sees it: ${await seenBy(gus)}`);
  const groupsOf = async (user: User) => {
    const listed = must(await tenure.groups.list(userActor(office.id, user.id), { organizationId: office.id }), "list groups");
    return listed.length === 0 ? "(none)" : listed.map((group) => group.name).join(", ");
  };
  step(`the groups Elena sees: ${await groupsOf(elena)}; the groups Hugo sees: ${await groupsOf(hugo)}`);
  const current = must(await tenure.groups.get(asIngrid, { organizationId: office.id, groupId: harbour.id }), "read the group");
  must(await tenure.groups.removeMembers(asIngrid, { organizationId: office.id, groupId: harbour.id, expectedVersion: current.version, userIds: [elena.id] }), "remove a member");
  step(`Elena leaves the group: her workflow access goes with it (${await mayWorkflow(elena)}), and she sees ${await seenBy(elena)}`);

  section("Document workspace: 2FA, a temporary block, and removal with a data transfer");
  const ivanNow = must(await tenure.accounts.requireTwoFactor(asIngrid, { organizationId: office.id, userId: ivan.id, expectedVersion: ivan.version }), "require 2FA");
  step(`Ingrid requires 2FA of Ivan: twoFactorRequired ${ivanNow.twoFactorRequired}`);
  const until = new Date(world.clock.now().getTime() + 7 * 86_400_000);
  const blocked = must(await tenure.accounts.block(asIngrid, { organizationId: office.id, userId: hugo.id, expectedVersion: hugo.version, until, reason: "Contract paused" }), "block");
  const hugoRef = { organizationId: office.id, userId: hugo.id };
  step(`she blocks Hugo for 7 days, until ${formatDay(until)}: "${blocked.account.status}"; ${must(await tenure.access.explain(hugoRef, "documents.save", atOffice), "explain").message}`);
  world.daysLater(7);
  step(`the block has ended by itself: Hugo may save documents again: ${await tenure.access.can(hugoRef, "documents.save", atOffice)}`);
  documents.set(elena.id, 12);
  const removed = must(
    await tenure.accounts.remove(asIngrid, { organizationId: office.id, userId: elena.id, expectedVersion: elena.version, data: { mode: "transfer", toUserId: ivan.id }, keepProfile: true }),
    "remove Elena",
  );
  step(`Ingrid removes Elena, "transfer to another user" (Ivan), "keep profile": ${removed.counts["documents"]} documents now Ivan's, profile kept as "${removed.profile?.account.status}"`);
  const log = must(await tenure.audit.query(asIngrid, { organizationId: office.id, limit: 20 }), "read the log");
  step(`the log, newest first: ${log.items.map((event) => event.action).join(", ")}`);
}
