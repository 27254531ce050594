/**
 * Part 2 of the demo: the partner/customer data portal (manual 001), with the catalog and settings of
 * `examples/catalogs/partner-portal.ts`: company-level permissions, the company admin and contact
 * person, the customer manager who administers the partner's customers, a user added without a sign-in
 * invitation, and the admin's password reset.
 */
import { createTenure, systemActor, userActor } from "tenure";
import { catalog, companyLevelPermissions, settings } from "../catalogs/partner-portal.js";
import { DEMO_TIME_ZONE, deliverMail, lastMailTo, must, names, refused, type DemoWorld } from "../support/demo-kit.js";

/** Runs the partner-portal part of the walkthrough. */
export async function partnerPortalPart(world: DemoWorld): Promise<void> {
  const { section, step } = world;
  const store = world.newStore();
  const tenure = createTenure({
    catalog,
    store,
    clock: world.clock,
    settings: { ...settings, timeZone: DEMO_TIME_ZONE },
    links: ({ purpose, secret }) => `https://portal.example/${purpose}?token=${secret}`,
  });

  section("Partner portal (manual 001): a partner company, its admin and contact person");
  const setup = systemActor("setup");
  const partner = must(
    await tenure.organizations.create(setup, { name: "Fjordline Data Partners", kind: "partner", entitlements: companyLevelPermissions({ legacyEnvironments: true }) }),
    "create the partner",
  );
  step(`the set-up creates the partner company "${partner.name}" with ${partner.entitlements?.length} company-level permissions`);
  const anna = must(
    await tenure.onboarding.invite(setup, {
      organizationId: partner.id,
      user: { username: "anna", fullName: "Anna Solberg", email: "anna@fjordline.example" },
      roles: [{ role: "company_admin" }, { role: "data_estate_admin" }, { role: "environment_admin" }],
      activate: true,
      sendInvitation: false,
    }),
    "add Anna",
  ).user;
  const asAnna = userActor(partner.id, anna.id);
  const partnerRecord = must(await tenure.organizations.get(asAnna, { organizationId: partner.id }), "read the partner");
  step(`its first user, ${anna.fullName}, is company, data estate and environment admin, and the contact person: ${partnerRecord.contactPersonId === anna.id}`);
  const carl = must(
    await tenure.onboarding.invite(asAnna, {
      organizationId: partner.id,
      user: { username: "carl", fullName: "Carl Eide", email: "carl@fjordline.example" },
      roles: [{ role: "data_estate_admin" }],
      activate: true,
      sendInvitation: false,
    }),
    "add Carl",
  ).user;
  step(`Anna adds ${carl.fullName} as data estate admin; the contact person stays Anna (no privilege comes with it)`);
  const made = must(await tenure.accounts.makeContactPerson(asAnna, { organizationId: partner.id, userId: carl.id, expectedVersion: partnerRecord.version }), "contact person");
  step(`"Make Contact Person" on Carl: the contact person is now ${made.contactPersonId === carl.id ? carl.fullName : "?"}; he may still not manage users: ${await tenure.access.can({ organizationId: partner.id, userId: carl.id }, "company.users.manage", { organizationId: partner.id })}`);
  const annasRoles = must(await tenure.roles.assignments(asAnna, { organizationId: partner.id, principal: { type: "user", id: anna.id } }), "Anna's roles");
  const annasAdmin = annasRoles.find((assignment) => assignment.role === "company_admin");
  if (annasAdmin === undefined) throw new Error("Anna should hold company admin.");
  step(`Anna tries to remove her own company admin role: ${refused(await tenure.roles.revoke(asAnna, { organizationId: partner.id, assignmentId: annasAdmin.id }), "revoke own admin")}`);

  section("Partner portal: customer companies and the customer manager");
  const dairy = must(
    await tenure.organizations.create(asAnna, { name: "Nordic Dairy Cooperative", kind: "customer", partnerId: partner.id, entitlements: companyLevelPermissions({ legacyEnvironments: false }) }),
    "create a customer",
  );
  const ferries = must(
    await tenure.organizations.create(asAnna, { name: "Coastal Ferries", kind: "customer", partnerId: partner.id, entitlements: companyLevelPermissions({ legacyEnvironments: true }) }),
    "create a customer",
  );
  const customers = must(await tenure.organizations.listCustomers(asAnna, { organizationId: partner.id }), "list customers");
  step(`Anna adds two customer companies; the partner's list of customers: ${customers.map((company) => company.name).join(", ")}`);
  must(await tenure.roles.grant(asAnna, { organizationId: partner.id, principal: { type: "user", id: carl.id }, role: "customer_manager" }), "grant customer manager");
  const carlRef = { organizationId: partner.id, userId: carl.id };
  step(`she makes Carl customer manager: he manages users at ${dairy.name} ${await tenure.access.can(carlRef, "company.users.manage", { organizationId: dairy.id })}, at ${ferries.name} ${await tenure.access.can(carlRef, "company.users.manage", { organizationId: ferries.id })}, in his own company ${await tenure.access.can(carlRef, "company.users.manage", { organizationId: partner.id })}`);
  const asCarl = userActor(partner.id, carl.id);
  const dora = must(
    await tenure.onboarding.invite(asCarl, {
      organizationId: dairy.id,
      user: { username: "dora", fullName: "Dora Holm", email: "dora@nordicdairy.example" },
      roles: [{ role: "company_admin" }],
      sendInvitation: false,
    }),
    "add Dora",
  ).user;
  const dairyRecord = must(await tenure.organizations.get(asCarl, { organizationId: dairy.id }), "read the customer");
  const noMail = await deliverMail(world, store);
  step(`Carl adds ${dora.fullName} to ${dairy.name} as its company admin, without a sign-in invitation: "${dora.account.status}", contact person ${dairyRecord.contactPersonId === dora.id}, ${noMail.length} mails sent`);
  must(await tenure.onboarding.sendInvitation(asCarl, { organizationId: dairy.id, userId: dora.id }), "send the invitation later");
  await deliverMail(world, store);
  step(`later he clicks "Send Invitation": "${lastMailTo(world, dora.email).subject}" goes to ${dora.email}`);
  const denied = await tenure.roles.grant(asCarl, { organizationId: dairy.id, principal: { type: "user", id: dora.id }, role: "environment_admin" });
  step(`environment admin for Dora, in a company not on version 20: ${refused(denied, "grant beyond the entitlements")}`);
  const erik = must(
    await tenure.onboarding.invite(asCarl, {
      organizationId: ferries.id,
      user: { username: "erik", fullName: "Erik Strand", email: "erik@coastalferries.example" },
      roles: [{ role: "company_admin" }],
      activate: true,
      sendInvitation: false,
    }),
    "add Erik",
  ).user;
  const beyond = await tenure.roles.grant(asCarl, { organizationId: ferries.id, principal: { type: "user", id: erik.id }, role: "environment_admin" });
  step(`at ${ferries.name} (on version 20) Carl adds Erik Strand as admin, but cannot make him environment admin: ${refused(beyond, "grant what one does not hold")}`);
  const reset = must(await tenure.credentials.requestReset(asCarl, { organizationId: ferries.id, userId: erik.id }), "reset password");
  await deliverMail(world, store);
  step(`Carl clicks "Reset Password" for Erik: "${lastMailTo(world, erik.email).subject}", its link works for ${Math.round((reset.expiresAt.getTime() - world.clock.now().getTime()) / 60_000)} minutes`);
  const seen = must(await tenure.users.list(asCarl, { organizationId: dairy.id }), "list the customer's users");
  step(`the customer's user list, as Carl sees it: ${names(seen.items)}; the partner's, as Erik asks for it: ${refused(await tenure.users.list(userActor(ferries.id, erik.id), { organizationId: partner.id }), "list the partner's users")}`);
}
