import { describe, expectTypeOf, it } from "vitest";
import { createAccessResolver, defineCatalog, type EffectivePermissions, type PermissionOf, type RoleOf } from "tenure";

const catalog = defineCatalog({
  scopes: { platform: {}, organization: { parent: "platform" } },
  permissions: { "orders.view": {}, "orders.edit": { requires: ["orders.view"] }, "users.manage": {}, "system.admin": {} },
  roles: {
    viewer: { permissions: ["orders.view"], scopes: ["organization"] },
    editor: { includes: ["viewer"], permissions: ["orders.edit"], scopes: ["organization"] },
    admin: { permissions: ["users.manage"], scopes: ["organization"] },
  },
  administration: { manageUsers: "users.manage", superAdmin: "system.admin" },
})._unsafeUnwrap();

describe("catalog names are literal types", () => {
  it("infers permission and role names", () => {
    expectTypeOf<PermissionOf<typeof catalog>>().toEqualTypeOf<"orders.view" | "orders.edit" | "users.manage" | "system.admin">();
    expectTypeOf<RoleOf<typeof catalog>>().toEqualTypeOf<"viewer" | "editor" | "admin">();
  });

  it("makes a typo in a permission a compile error", () => {
    const access = createAccessResolver(catalog);
    type Can = Parameters<typeof access.can>[1];
    expectTypeOf<"orders.edt">().not.toExtend<Can>();
    expectTypeOf<"orders.edit">().toExtend<Can>();
    expectTypeOf(access.effective).returns.toEqualTypeOf<EffectivePermissions<PermissionOf<typeof catalog>>>();
  });

  it("types the first-member roles by the role names, so a typo there is a compile error", () => {
    expectTypeOf(catalog.firstMemberRoles).toEqualTypeOf<readonly ("viewer" | "editor" | "admin")[]>();
    defineCatalog({
      scopes: { organization: {} },
      permissions: { a: {} },
      roles: { r: { permissions: ["a"], scopes: ["organization"], organizationKinds: ["partner"] } },
      // @ts-expect-error "q" is not a declared role
      administration: { manageUsers: "a", superAdmin: "a", firstMemberRoles: ["q"] },
    });
  });

  it("makes an undeclared name inside the spec a compile error", () => {
    defineCatalog({
      scopes: { organization: {} },
      permissions: { a: {}, b: { requires: ["a"] } },
      roles: {
        // @ts-expect-error "c" is not a declared permission
        r: { permissions: ["c"], scopes: ["organization"] },
      },
      administration: { manageUsers: "a", superAdmin: "a" },
    });
    defineCatalog({
      scopes: { organization: {} },
      permissions: { a: {} },
      roles: {
        // @ts-expect-error "zone" is not a declared scope kind
        r: { permissions: ["a"], scopes: ["zone"] },
      },
      administration: { manageUsers: "a", superAdmin: "a" },
    });
  });
});
