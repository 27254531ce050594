import { afterAll, beforeAll, expect, it } from "vitest";
import type { DirectoryRead } from "tenure";
import { createLdapDirectorySource } from "tenure/ldap";
import { createSandbox, describeWithLdap, entryUuidOf, syncOptions, type Sandbox } from "./_server.js";

describeWithLdap("entries that change between reads", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createSandbox();
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  const read = async (overrides = {}): Promise<DirectoryRead> =>
    (await createLdapDirectorySource(syncOptions({ baseDn: sandbox.dn, attributes: ["uid", "mail"], ...overrides })).read())._unsafeUnwrap();

  it("a renamed entry (modrdn) keeps its id; its DN and attributes follow the rename", async () => {
    const dn = await sandbox.addPerson("frank", { mail: "frank@tenure.test" });
    const before = (await read()).entries.find((entry) => entry.dn === dn);
    expect(before?.externalId).toBe(await entryUuidOf(dn));
    const renamed = await sandbox.rename(dn, "uid=franklin");
    const after = (await read()).entries.find((entry) => entry.externalId === before?.externalId);
    expect(after).toMatchObject({ dn: renamed, attributes: { uid: ["franklin"], mail: ["frank@tenure.test"] } });
  });

  it("a deleted and re-created entry is a new id; a modified one shows its new values", async () => {
    const dn = await sandbox.addPerson("grace", { mail: "grace@tenure.test" });
    const first = (await read()).entries.find((entry) => entry.dn === dn);
    await sandbox.modify(dn, "mail", ["grace.hopper@tenure.test"]);
    expect((await read()).entries.find((entry) => entry.dn === dn)?.attributes["mail"]).toEqual(["grace.hopper@tenure.test"]);
    await sandbox.modify(dn, "mail", []);
    expect((await read()).entries.find((entry) => entry.dn === dn)?.attributes).toEqual({ uid: ["grace"] });
    await sandbox.remove(dn);
    expect((await read()).entries.some((entry) => entry.dn === dn)).toBe(false);
    await sandbox.addPerson("grace");
    const recreated = (await read()).entries.find((entry) => entry.dn === dn);
    expect(recreated?.externalId).toBeDefined();
    expect(recreated?.externalId).not.toBe(first?.externalId);
  });

  it("group limits follow membership changes, and a group cycle ends", async () => {
    const heidi = await sandbox.addPerson("heidi");
    const ivan = await sandbox.addPerson("ivan");
    const inner = await sandbox.addGroup("inner", [ivan]);
    const outer = await sandbox.addGroup("outer", [heidi, inner]);
    await sandbox.modify(inner, "member", [ivan, outer]);
    const members = async (): Promise<string[]> =>
      (await read({ group: { dn: outer }, reportGroups: [inner] })).entries.map((entry) => `${entry.attributes["uid"]?.[0]}:${entry.groups.length}`).sort();
    expect(await members()).toEqual(["heidi:1", "ivan:1"]);
    await sandbox.modify(outer, "member", [inner]);
    expect(await members()).toEqual(["ivan:1"]);
    await sandbox.modify(outer, "member", [heidi, inner]);
    await sandbox.modify(inner, "member", [ivan]);
    expect(await members()).toEqual(["heidi:0", "ivan:1"]);
  });
});
