/**
 * Part 1 of the demo: the additive-manufacturing marketplace (manuals 000 and 002), with the catalog and
 * settings of `examples/catalogs/marketplace.ts`. The first super admin comes from the set-up (the
 * system actor); then the three ways to onboard an external supplier, and the roles of a fulfillment
 * partner's Service Panel.
 */
import { createTenure, PLATFORM_SCOPE, systemActor, userActor, type ScopeRef } from "tenure";
import { catalog, settings } from "../catalogs/marketplace.js";
import { DEMO_TIME_ZONE, deliverMail, formatDay, lastMailTo, linkSecret, must, refused, type DemoWorld } from "../support/demo-kit.js";

/** Runs the marketplace part of the walkthrough. */
export async function marketplacePart(world: DemoWorld): Promise<void> {
  const { section, step } = world;
  const store = world.newStore();
  const tenure = createTenure({
    catalog,
    store,
    clock: world.clock,
    settings: { ...settings, timeZone: DEMO_TIME_ZONE },
    links: ({ purpose, secret }) => `https://parts.example/${purpose}?token=${secret}`,
  });

  section("Marketplace (manuals 000, 002): set-up and the first super admin");
  // The host's set-up code is the one place that acts as the system: nobody is signed in yet.
  const setup = systemActor("setup");
  const site = must(await tenure.organizations.create(setup, { name: "Additive Parts Marketplace", kind: "site" }), "create the site");
  step(`the set-up (systemActor) creates the organization "${site.name}" (kind ${site.kind})`);
  const invited = must(
    await tenure.onboarding.invite(setup, {
      organizationId: site.id,
      user: { username: "sven", fullName: "Sven Berg", email: "sven@parts.example" },
      roles: [{ role: "server_admin", scope: PLATFORM_SCOPE }],
    }),
    "invite the server admin",
  );
  const sven = invited.user;
  const asSven = userActor(site.id, sven.id);
  step(`it invites ${sven.fullName} as Server Admin ("Superuser", at the platform): account "${sven.account.status}", contact person of the site`);
  const delivered = await deliverMail(world, store);
  step(`the outbox delivers ${delivered.length} mail: "${lastMailTo(world, sven.email).subject}" (a link, no password)`);
  const secret = linkSecret(lastMailTo(world, sven.email));
  const accepted = must(await tenure.onboarding.acceptInvitation({ secret, password: "sven's long passphrase" }), "accept the invitation");
  step(`Sven opens the link and chooses his password: account "${accepted.account.status}"`);
  step(`the same link a second time: ${refused(await tenure.onboarding.acceptInvitation({ secret, password: "another passphrase" }), "reuse the link")}`);
  const wrong = await tenure.credentials.signIn({ organizationId: site.id, login: "sven", password: "a guess" });
  step(`sign-in with a wrong password: ${refused(wrong, "sign in with a wrong password")}`);
  must(await tenure.credentials.signIn({ organizationId: site.id, login: "sven@parts.example", password: "sven's long passphrase" }), "sign in");
  step("sign-in with his password, by e-mail address: allowed");

  section("Marketplace: three ways to onboard an external supplier (manual 000)");
  const printwerk: ScopeRef = { kind: "service", id: "printwerk" };
  const laserhaus: ScopeRef = { kind: "service", id: "laserhaus" };
  const atSite = { organizationId: site.id };
  const atPrintwerk = { organizationId: site.id, scope: printwerk };

  // Case 1: an admin invites without activation; the supplier becomes active by accepting.
  const paula = must(
    await tenure.onboarding.invite(asSven, {
      organizationId: site.id,
      user: { username: "paula", fullName: "Paula Hahn", email: "paula@printwerk.example", company: "Printwerk" },
      roles: [{ role: "erp_viewer", scope: printwerk }],
      message: "Welcome to our Service Panel!",
    }),
    "invite Paula",
  ).user;
  const paulaRef = { organizationId: site.id, userId: paula.id };
  step(`case 1, invite without activation: ${paula.fullName} is "${paula.account.status}" with exactly ERP Viewer at Printwerk; she may see the ERP dashboard: ${await tenure.access.can(paulaRef, "erp.dashboard.see", atPrintwerk)}`);
  await deliverMail(world, store);
  must(await tenure.onboarding.acceptInvitation({ secret: linkSecret(lastMailTo(world, paula.email)), password: "paula's long passphrase" }), "Paula accepts");
  step(`she accepts the mailed link: ERP dashboard at Printwerk ${await tenure.access.can(paulaRef, "erp.dashboard.see", atPrintwerk)}, at Laserhaus ${await tenure.access.can(paulaRef, "erp.dashboard.see", { organizationId: site.id, scope: laserhaus })}, the catalog (a default role) ${await tenure.access.can(paulaRef, "catalog.browse", atSite)}: no default role to revoke`);

  // Case 2: invite with instant activation, then "Send Activation" for the password.
  const mats = must(
    await tenure.onboarding.invite(asSven, {
      organizationId: site.id,
      user: { username: "mats", fullName: "Mats Lund", email: "mats@printwerk.example", company: "Printwerk" },
      roles: [{ role: "erp_manager", scope: printwerk }],
      activate: true,
      sendInvitation: false,
    }),
    "invite Mats",
  ).user;
  const matsRef = { organizationId: site.id, userId: mats.id };
  step(`case 2, invite with instant activation: ${mats.fullName} is "${mats.account.status}" at once, may create ERP orders: ${await tenure.access.can(matsRef, "erp.orders.create", atPrintwerk)}`);
  const activation = must(await tenure.onboarding.sendActivation(asSven, { organizationId: site.id, userId: mats.id }), "send activation");
  await deliverMail(world, store);
  must(await tenure.onboarding.completeActivation({ secret: linkSecret(lastMailTo(world, mats.email)), password: "mats's long passphrase" }), "Mats activates");
  const validDays = Math.round((activation.expiresAt.getTime() - world.clock.now().getTime()) / 86_400_000);
  step(`"Send Activation" mails him a link valid for ${validDays} days, until ${formatDay(activation.expiresAt)}; he sets his password through it and can sign in: ${(await tenure.credentials.signIn({ organizationId: site.id, login: "mats", password: "mats's long passphrase" })).isOk()}`);

  // Case 3: self sign-up under "Force Verify User"; an admin verifies, then revokes a default role.
  const olga = must(
    await tenure.onboarding.signUp({
      organizationId: site.id,
      user: { username: "olga", fullName: "Olga Novak", email: "olga@sintertec.example", company: "Sintertec" },
      password: "olga's long passphrase",
    }),
    "Olga signs up",
  );
  const olgaRef = { organizationId: site.id, userId: olga.id };
  step(`case 3, self sign-up with Force Verify User on: ${olga.fullName} is "${olga.account.status}", may browse the catalog: ${await tenure.access.can(olgaRef, "catalog.browse", atSite)}`);
  const verified = must(await tenure.onboarding.verify(asSven, { organizationId: site.id, userId: olga.id, expectedVersion: olga.version }), "verify Olga");
  step(`Sven verifies her: "${verified.account.status}", with the default User Panel Buyer role: may create a basket ${await tenure.access.can(olgaRef, "basket.create", atSite)}`);
  const olgasRoles = must(await tenure.roles.assignments(asSven, { organizationId: site.id, principal: { type: "user", id: olga.id } }), "Olga's roles");
  const buyer = olgasRoles.find((assignment) => assignment.role === "user_panel_buyer");
  if (buyer === undefined) throw new Error("Olga should hold the default User Panel Buyer role.");
  must(await tenure.roles.revoke(asSven, { organizationId: site.id, assignmentId: buyer.id }), "revoke the default role");
  step(`her roles: ${olgasRoles.map((assignment) => assignment.role).join(", ")}; Sven revokes User Panel Buyer: may create a basket ${await tenure.access.can(olgaRef, "basket.create", atSite)}`);

  must(await tenure.credentials.forgotPassword({ organizationId: site.id, login: "paula@printwerk.example" }), "forgot password");
  await deliverMail(world, store);
  must(await tenure.credentials.resetPassword({ secret: linkSecret(lastMailTo(world, paula.email)), password: "paula's new passphrase" }), "reset");
  step(`"Forgot password?": Paula gets a reset link, sets a new password, and signs in with it: ${(await tenure.credentials.signIn({ organizationId: site.id, login: "paula", password: "paula's new passphrase" })).isOk()}`);

  section("Marketplace: roles and rights of the Service Panel (manual 002)");
  const chain = must(await tenure.access.explain(matsRef, "erp.quotes.comment", atPrintwerk), "explain");
  must(await tenure.roles.grant(asSven, { organizationId: site.id, principal: { type: "user", id: mats.id }, role: "erp_mes_configurator", scope: printwerk }), "grant configurator");
  step(`why may Mats, ERP Manager at Printwerk, comment on quotes? ${chain.message} ("All from ERP Viewer")`);
  step(`Sven also makes him ERP/MES Configurator there; may he change the ERP/MES settings? ${must(await tenure.access.explain(matsRef, "erp_mes.settings.change", atPrintwerk), "explain").message}`);
  step(`and at Laserhaus, another fulfillment partner? ${must(await tenure.access.explain(matsRef, "erp_mes.settings.change", { organizationId: site.id, scope: laserhaus }), "explain").message}`);
  step(`Sven, the superuser, may manage the catalog's parts: ${await tenure.access.can({ organizationId: site.id, userId: sven.id }, "catalog.parts.manage", atSite)}. ${must(await tenure.access.explain({ organizationId: site.id, userId: sven.id }, "catalog.parts.manage", atSite), "explain").message}`);
  const escalation = await tenure.roles.grant(asSven, { organizationId: site.id, principal: { type: "user", id: paula.id }, role: "erp_manager", scope: { kind: "zone", id: "printwerk" } });
  step(`a role in a scope kind the catalog does not have: ${refused(escalation, "grant in an unknown scope kind")}`);
}
