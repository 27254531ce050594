/**
 * Part 4 of the demo: the proposal workspace with zones (manual 004), with the catalog and settings of
 * `examples/catalogs/proposal-workspace.ts` plus the manual's ShowVersion / ShowTeams / GetReport check
 * boxes as host attributes: the user-data rules (warn, or must edit), immutable usernames, groups and
 * zone access, the filtered and paged user list, de-activated users, and a third-party contractor from
 * the invitation to the expiry sweep.
 */
import * as z from "zod";
import { createTenure, defineModel, systemActor, userActor, type Diagnostic, type ListUsersInput, type NewUserInput, type Page, type User } from "tenure";
import { catalog, proposalWorkspaceSettings } from "../catalogs/proposal-workspace.js";
import { DEMO_TIME_ZONE, deliverMail, formatIsoDay, lastMailTo, must, names, refused, type DemoWorld } from "../support/demo-kit.js";

/** The zoned workspace's check boxes, declared once and typed through the API; each defaults to Yes. */
export const proposalModel = defineModel({
  userAttributes: z.object({
    showVersion: z.boolean().default(true),
    showTeams: z.boolean().default(true),
    getReport: z.boolean().default(true),
  }),
});

const yesNo = (value: boolean): string => (value ? "Yes" : "No");
const finding = (issue: Diagnostic): string => `${issue.severity} on ${issue.field}: ${issue.message}`;

/** Runs the proposal-workspace part of the walkthrough. */
export async function proposalWorkspacePart(world: DemoWorld): Promise<void> {
  const { section, step, clock } = world;
  const store = world.newStore(proposalModel);
  const tenure = createTenure({
    catalog,
    store,
    model: proposalModel,
    clock,
    settings: { ...proposalWorkspaceSettings({ thirdPartyMaxDays: 90 }), timeZone: DEMO_TIME_ZONE },
    links: ({ purpose, secret }) => `https://proposals.example/${purpose}?token=${secret}`,
  });

  section("Proposal workspace (manual 004): adding users under the user-data rules");
  const setup = systemActor("setup");
  const workspace = must(await tenure.organizations.create(setup, { name: "Northwind Proposals" }), "create the workspace");
  const sofia = must(
    await tenure.onboarding.invite(setup, {
      organizationId: workspace.id,
      user: { username: "sofia", fullName: "Sofia Reyes", email: "sofia@northwind.example", location: "Berlin", company: "Northwind" },
      roles: [{ role: "system_admin" }],
      activate: true,
      sendInvitation: false,
    }),
    "add the system admin",
  ).user;
  const asSofia = userActor(workspace.id, sofia.id);
  step(`the set-up creates the workspace "${workspace.name}" and its System Admin ${sofia.fullName}`);
  const users = new Map<string, User<z.output<typeof proposalModel.userAttributes>>>();
  const add = async (person: Omit<NewUserInput, "source">): Promise<void> => {
    const invited = await tenure.onboarding.invite(asSofia, { organizationId: workspace.id, user: person, activate: true, sendInvitation: false });
    if (invited.isOk()) {
      users.set(invited.value.user.username, invited.value.user);
      const warnings = invited.value.warnings.map(finding);
      step(`added ${invited.value.user.fullName}${warnings.length === 0 ? "" : `, with a ${warnings.join("; ")}`}`);
    } else {
      const issues = invited.error.code === "validation" ? invited.error.issues.map(finding).join("; ") : invited.error.message;
      step(`refused ${String(person.fullName)}: ${issues}`);
    }
  };
  await add({ username: "ann.lee", fullName: "Ann Lee", email: "ann.lee@northwind.example", location: "Berlin", company: "Northwind" });
  await add({ username: "bob", fullName: "Bob/Builder", email: "bob@northwind.example", location: "Berlin", company: "Northwind" });
  await add({ username: "bob", fullName: "Bob Builder", email: "bob@northwind.example", location: "Berlin", company: "Northwind" });
  await add({ username: "maria", fullName: "María Núñez", email: "maria@northwind.example", location: "Berlin", company: "Northwind" });
  await add({ username: "mike", fullName: "Mike Ross", email: "MIKE@Northwind.example", location: "Lisbon", company: "Northwind" });
  await add({ username: "mika", fullName: "Mika Häkkinen", email: "mike@northwind.example", location: "Berlin", company: "Northwind", attributes: { getReport: false } });
  await add({ username: "zoe", fullName: "Zoë Adams", email: "zoe@contoso.example", location: "Berlin", company: "Contoso", audience: "external" });
  await add({ username: "sam", fullName: "Sam Ortiz", email: "sam@northwind", location: "Berlin", company: "Northwind" });
  const user = (username: string) => {
    const found = users.get(username);
    if (found === undefined) throw new Error(`${username} should have been added.`);
    return found;
  };
  const mika = user("mika");
  step(`${mika.fullName}'s check boxes: ShowVersion ${yesNo(mika.attributes.showVersion)}, ShowTeams ${yesNo(mika.attributes.showTeams)}, GetReport ${yesNo(mika.attributes.getReport)}`);
  const ann = user("ann.lee");
  const renamed = await tenure.users.update(asSofia, { organizationId: workspace.id, userId: ann.id, expectedVersion: ann.version, changes: { username: "ann" } });
  step(`renaming ann.lee to ann: ${refused(renamed, "change a username")}`);

  section("Proposal workspace: groups, zone access and the user list");
  const group = async (name: string, colour: string, members: readonly string[]) => {
    const created = must(await tenure.groups.create(asSofia, { organizationId: workspace.id, name, colour }), `create ${name}`);
    return must(
      await tenure.groups.addMembers(asSofia, { organizationId: workspace.id, groupId: created.id, expectedVersion: created.version, userIds: members.map((username) => user(username).id) }),
      `fill ${name}`,
    );
  };
  const editors = await group("Proposal editors", "#1e90ff", ["ann.lee", "maria", "zoe"]);
  const reviewers = await group("Reviewers", "#ff8c00", ["mike", "mika", "bob"]);
  const harbourBid = { kind: "zone", id: "harbour-bid" };
  must(await tenure.roles.grant(asSofia, { organizationId: workspace.id, principal: { type: "group", id: reviewers.id }, role: "zone_access", scope: harbourBid }), "grant zone access");
  step(`groups "${editors.name}" (${editors.memberIds.length} members) and "${reviewers.name}" (${reviewers.memberIds.length}); the reviewers get access to the zone "${harbourBid.id}"`);
  const pages = async (viewer: User<object>, query: Omit<ListUsersInput, "organizationId">): Promise<string> => {
    const lines: string[] = [];
    let after: string | null = null;
    do {
      const page: Page<User<object>> = must(await tenure.users.list(userActor(workspace.id, viewer.id), { organizationId: workspace.id, ...query, ...(after === null ? {} : { after }) }), "list users");
      lines.push(`page ${lines.length + 1}: ${names(page.items)}`);
      after = page.nextCursor;
    } while (after !== null);
    return lines.join(" | ");
  };
  step(`users in Berlin at Northwind, by full name, two per page: ${await pages(sofia, { filter: { locations: ["Berlin"], companies: ["Northwind"] }, limit: 2 })}`);
  step(`who has zone access (through a group): ${await pages(sofia, { filter: { roles: ["zone_access"] } })}`);
  step(`typing "m" jumps to: ${await pages(sofia, { prefix: "m" })}`);
  step(`the list as Zoë Adams (external) sees it: ${await pages(user("zoe"), {})}`);
  must(await tenure.roles.grant(asSofia, { organizationId: workspace.id, principal: { type: "user", id: ann.id }, role: "zone_access", scope: { kind: "zone", id: "lisbon-tender" } }), "grant a zone");
  const removal = must(await tenure.roles.removeFromAllZones(asSofia, { organizationId: workspace.id, userId: ann.id }), "remove from all zones");
  const viaGroups = removal.throughGroups.map((zone) => `"${zone.scope.id}"`).join(", ");
  step(
    `Sofia gives Ann access to the zone "lisbon-tender", then "Remove from all zones": ${removal.removed.length} zone ${removal.removed.length === 1 ? "access" : "accesses"} revoked (${removal.removed.map((assignment) => `"${assignment.scope.id}"`).join(", ")}), permissions untouched; through her groups she still reaches ${viaGroups === "" ? "no zone" : viaGroups}`,
  );
  const mike = user("mike");
  const deactivated = must(await tenure.accounts.deactivate(asSofia, { organizationId: workspace.id, userId: mike.id, expectedVersion: mike.version }), "de-activate");
  const shownToAdmins = must(await tenure.users.list(asSofia, { organizationId: workspace.id, filter: { statuses: ["deactivated"] } }), "list").items;
  step(`Sofia de-activates ${mike.fullName} ("${deactivated.account.status}", memberships kept); admins still see ${names(shownToAdmins)}; the list as María sees it: ${await pages(user("maria"), { prefix: "mi" })}`);

  section("Proposal workspace: a third-party contractor, 90 calendar days at most");
  const carl = must(
    await tenure.onboarding.invite(asSofia, {
      organizationId: workspace.id,
      user: { username: "carl", fullName: "Carl Contractor", email: "carl@supplier.example", company: "Supplier", audience: "external", thirdParty: true },
      roles: [{ role: "zone_access", scope: harbourBid }],
      activate: true,
      sendInvitation: false,
    }),
    "invite the contractor",
  ).user;
  const carlRef = { organizationId: workspace.id, userId: carl.id };
  const inZone = { organizationId: workspace.id, scope: harbourBid };
  const row = async () => {
    const listed = must(await tenure.thirdParty.list(asSofia, { organizationId: workspace.id }), "the management view").items.find((item) => item.user.id === carl.id);
    if (listed === undefined) throw new Error("Carl should be in the management view.");
    return listed;
  };
  const first = await row();
  step(`Sofia invites ${carl.fullName} as a third party, without a date: access through ${formatIsoDay(first.lastDay)}, today plus 90 days; the management view counts ${first.daysLeft} days left, today included`);
  const later = new Date(`${first.lastDay}T12:00:00Z`);
  later.setUTCDate(later.getUTCDate() + 1);
  const tooLate = await tenure.thirdParty.setAccess(asSofia, { organizationId: workspace.id, userId: carl.id, expectedVersion: carl.version, change: { type: "move", lastDay: later.toISOString().slice(0, 10) } });
  step(`moving it one day further: ${refused(tooLate, "move beyond the maximum")}`);
  const welcome = must(await tenure.thirdParty.sendWelcome(asSofia, { organizationId: workspace.id, userId: carl.id }), "send welcome");
  await deliverMail(world, store);
  step(`"Send Welcome": the ${welcome.template} message, "${lastMailTo(world, carl.email).subject}", with a set-password link`);
  world.daysLater(first.daysLeft - 3);
  const sweepBefore = await tenure.jobs.expireDue();
  await deliverMail(world, store);
  step(`${(await row()).daysLeft} days left; the hourly sweep reminds his sponsor (${sweepBefore.reminded} reminder): "${lastMailTo(world, sofia.email).subject}"`);
  world.daysLater(3);
  step(`his last day has passed at midnight; before any sweep ran, he may open the zone: ${await tenure.access.can(carlRef, "zone.access", inZone)}`);
  const sweep = await tenure.jobs.expireDue();
  const again = await tenure.jobs.expireDue();
  const expiredHere = (report: typeof sweep) => report.expired.filter((entry) => entry.organizationId === workspace.id).length;
  await deliverMail(world, store);
  step(`the sweep de-activates ${expiredHere(sweep)} user and mails the System Admin "${lastMailTo(world, sofia.email).subject}"; run again, it de-activates ${expiredHere(again)}`);
  const history = must(await tenure.audit.query(asSofia, { organizationId: workspace.id, targetId: carl.id, limit: 20 }), "Carl's history");
  step(`Carl's history in the log, newest first: ${history.items.map((event) => event.action).join(", ")}`);
  const kept = must(await tenure.users.get(asSofia, { organizationId: workspace.id, userId: carl.id }), "read Carl");
  const roles = must(await tenure.roles.assignments(asSofia, { organizationId: workspace.id, principal: { type: "user", id: carl.id } }), "Carl's roles");
  step(`his account is "${kept.account.status}"; kept for a re-activation: ${roles.map((held) => `${held.role} in ${held.scope.kind} ${held.scope.id}`).join(", ")}`);
}
