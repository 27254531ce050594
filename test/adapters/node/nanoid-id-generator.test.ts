import { describe, expect, it } from "vitest";
import { createNanoidIdGenerator } from "../../../src/adapters/node/nanoid-id-generator.js";
import type { IdKind } from "../../../src/model/ids.js";
import { userIdSchema } from "../../../src/model/ids.js";

describe("createNanoidIdGenerator", () => {
  it("prefixes ids by kind and keeps them within the id pattern", () => {
    const ids = createNanoidIdGenerator();
    const expected: Record<IdKind, string> = {
      organization: "org",
      user: "usr",
      group: "grp",
      assignment: "asg",
      invitation: "inv",
      token: "tok",
      audit: "evt",
      mail: "mail",
      provisioning_run: "run",
    };
    for (const [kind, prefix] of Object.entries(expected) as [IdKind, string][]) {
      const id = ids.next(kind);
      expect(id).toMatch(new RegExp(`^${prefix}_[A-Za-z0-9_-]{21}$`));
      expect(userIdSchema.safeParse(id).success).toBe(true);
    }
  });

  it("makes no repeated id in 100,000", () => {
    const ids = createNanoidIdGenerator({ size: 12 });
    const seen = new Set(Array.from({ length: 100_000 }, () => ids.next("user")));
    expect(seen.size).toBe(100_000);
    expect([...seen][0]).toMatch(/^usr_[A-Za-z0-9_-]{12}$/);
  });

  it("refuses a size too small to be unique", () => {
    expect(() => createNanoidIdGenerator({ size: 4 })).toThrow(RangeError);
  });
});
