import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { canSee, userVisibilityFor, visibleGroups, type Audience, type UserId } from "tenure";

const user = (id: string, audience: Audience) => ({ id: id as UserId, audience });
const groups = [
  { name: "Design", memberIds: ["eve", "ann"] as UserId[] },
  { name: "Sales", memberIds: ["bob", "carl"] as UserId[] },
];

describe("who sees whom (document workspace)", () => {
  it("administrators and internal users see every user and group", () => {
    for (const viewer of [{ user: user("ann", "internal"), isAdmin: false }, { user: user("gus", "guest"), isAdmin: true }]) {
      expect(userVisibilityFor(viewer)).toEqual({ type: "all" });
      expect(canSee(viewer, { id: "carl" as UserId }, groups)).toBe(true);
      expect(visibleGroups(viewer, groups)).toHaveLength(2);
    }
  });

  it("external users see only their groups and the users who share one with them", () => {
    const eve = { user: user("eve", "external"), isAdmin: false };
    expect(userVisibilityFor(eve)).toEqual({ type: "shared_groups", viewerId: "eve" });
    expect(canSee(eve, { id: "ann" as UserId }, groups)).toBe(true);
    expect(canSee(eve, { id: "bob" as UserId }, groups)).toBe(false);
    expect(visibleGroups(eve, groups).map((group) => group.name)).toEqual(["Design"]);
  });

  it("guests see no other user and no group, only themselves", () => {
    const gus = { user: user("gus", "guest"), isAdmin: false };
    expect(userVisibilityFor(gus)).toEqual({ type: "self", viewerId: "gus" });
    expect(canSee(gus, { id: "gus" as UserId }, groups)).toBe(true);
    expect(canSee(gus, { id: "ann" as UserId }, [{ memberIds: ["gus", "ann"] as UserId[] }])).toBe(false);
    expect(visibleGroups(gus, groups)).toEqual([]);
  });

  test.prop([fc.constantFrom<Audience>("internal", "external", "guest"), fc.boolean(), fc.array(fc.uniqueArray(fc.constantFrom("a", "b", "c", "d"), { maxLength: 4 }), { maxLength: 5 })])(
    "everyone sees themselves, and seeing is symmetric between two external users",
    (audience, isAdmin, memberLists) => {
      const groupsOf = memberLists.map((memberIds) => ({ memberIds: memberIds as UserId[] }));
      expect(canSee({ user: user("a", audience), isAdmin }, { id: "a" as UserId }, groupsOf)).toBe(true);
      const aSeesB = canSee({ user: user("a", "external"), isAdmin: false }, { id: "b" as UserId }, groupsOf);
      const bSeesA = canSee({ user: user("b", "external"), isAdmin: false }, { id: "a" as UserId }, groupsOf);
      expect(aSeesB).toBe(bSeesA);
    },
  );
});
