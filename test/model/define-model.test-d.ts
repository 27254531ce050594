// Type-level tests: the host's attributes are typed through the API, and ids of different kinds are
// not interchangeable.
import * as z from "zod";
import { describe, expectTypeOf, it } from "vitest";
import {
  DEFAULT_MODEL,
  defineModel,
  groupIdSchema,
  userIdSchema,
  type GroupId,
  type ModelOrganization,
  type ModelUser,
  type OrganizationId,
  type User,
  type UserId,
} from "../../src/index.js";

const model = defineModel({
  userAttributes: z.object({ showVersion: z.boolean().default(true) }),
  organizationAttributes: z.object({ costCentre: z.string().nullable() }),
});

describe("defineModel types", () => {
  it("gives the user type the host's attributes, defaults making them required on output", () => {
    expectTypeOf<ModelUser<typeof model>["attributes"]>().toEqualTypeOf<{ showVersion: boolean }>();
    expectTypeOf<ModelUser<typeof model>>().toEqualTypeOf<User<{ showVersion: boolean }>>();
  });

  it("gives the organization type the host's attributes", () => {
    expectTypeOf<ModelOrganization<typeof model>["attributes"]>().toEqualTypeOf<{ costCentre: string | null }>();
  });

  it("the parsed user is the model's user", () => {
    expectTypeOf(model.userSchema.parse({})).toEqualTypeOf<ModelUser<typeof model>>();
    expectTypeOf(model.userSchema.parse({}).attributes.showVersion).toEqualTypeOf<boolean>();
  });

  it("the default model's attributes are empty", () => {
    expectTypeOf<ModelUser<typeof DEFAULT_MODEL>["attributes"]>().toEqualTypeOf<Record<never, never>>();
    expectTypeOf<ModelUser<typeof DEFAULT_MODEL>["attributes"]>().toEqualTypeOf<{}>();
    const plain = defineModel();
    expectTypeOf<ModelUser<typeof plain>["attributes"]>().toEqualTypeOf<{}>();
    expectTypeOf<ModelOrganization<typeof DEFAULT_MODEL>["attributes"]>().toEqualTypeOf<{}>();
  });

  it("an unknown attribute is a compile error", () => {
    const user = model.userSchema.parse({});
    // @ts-expect-error: showTeams is not an attribute of this model
    void user.attributes.showTeams;
    const plain = DEFAULT_MODEL.userSchema.parse({});
    // @ts-expect-error: the default model has no attributes
    void plain.attributes.showVersion;
  });
});

describe("branded ids", () => {
  it("ids of different kinds are different types", () => {
    expectTypeOf<UserId>().not.toEqualTypeOf<GroupId>();
    expectTypeOf<UserId>().not.toEqualTypeOf<OrganizationId>();
    expectTypeOf<UserId>().not.toExtend<GroupId>();
    expectTypeOf<GroupId>().not.toExtend<UserId>();
  });

  it("a plain string is not an id, but an id is a string", () => {
    expectTypeOf<string>().not.toExtend<UserId>();
    expectTypeOf<UserId>().toExtend<string>();
  });

  it("assignments between kinds do not compile", () => {
    const userId = userIdSchema.parse("u-1");
    const groupId = groupIdSchema.parse("g-1");
    expectTypeOf(userId).toEqualTypeOf<UserId>();
    expectTypeOf(groupId).toEqualTypeOf<GroupId>();

    // @ts-expect-error: a UserId is not a GroupId
    const wrongKind: GroupId = userId;
    // @ts-expect-error: a plain string is not a UserId
    const plainString: UserId = "u-1";
    const asString: string = userId;
    void [wrongKind, plainString, asString];
  });

  it("a user's ids are branded", () => {
    expectTypeOf<User["id"]>().toEqualTypeOf<UserId>();
    expectTypeOf<User["organizationId"]>().toEqualTypeOf<OrganizationId>();
    expectTypeOf<User["invitedBy"]>().toEqualTypeOf<UserId | null>();
  });
});
