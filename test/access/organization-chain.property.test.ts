/**
 * The pure rules of the partner chain: the company-level permissions that hold in an organization are
 * its own capped by every partner's above it (`entitlementCap`), and a customer link is refused exactly
 * for a self link, a partner of another kind, a cycle, or entitlements beyond the partner's (`checkCustomerLink`).
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { checkCustomerLink, entitlementCap } from "tenure";

const PERMISSIONS = ["a", "b", "c", "d", "e"] as const;
const entitlements = fc.option(fc.subarray([...PERMISSIONS]), { nil: null });

describe("entitlementCap, property", () => {
  test.prop([fc.array(entitlements, { maxLength: 6 })])("holds a permission exactly when every capped list of the chain has it; null only when nothing caps", (chain) => {
    const cap = entitlementCap(chain);
    const capped = chain.filter((list): list is ("a" | "b" | "c" | "d" | "e")[] => list !== null);
    if (capped.length === 0) {
      expect(cap).toBeNull();
      return;
    }
    for (const permission of PERMISSIONS) expect(cap?.includes(permission)).toBe(capped.every((list) => list.includes(permission)));
    expect(new Set(cap).size).toBe(cap?.length);
  });
});

describe("checkCustomerLink, property", () => {
  // Organizations 0..5; each may have a partner with a smaller index (so the stored graph is a forest).
  const world = fc.record({
    partners: fc.array(fc.option(fc.nat(5), { nil: null }), { minLength: 6, maxLength: 6 }),
    kinds: fc.array(fc.constantFrom("partner", "customer", "site"), { minLength: 6, maxLength: 6 }),
    entitlements: fc.array(entitlements, { minLength: 6, maxLength: 6 }),
    customer: fc.nat(5),
    partner: fc.nat(5),
  });
  test.prop([world])("refuses exactly a self link, another kind, a cycle, or more than the partner's; an accepted link keeps the graph acyclic", (w) => {
    const partnerOf = w.partners.map((partner, index) => (partner !== null && partner < index ? partner : null));
    const above = (start: number): number[] => {
      const chain: number[] = [];
      for (let next = partnerOf[start] ?? null; next !== null; next = partnerOf[next] ?? null) chain.push(next);
      return chain;
    };
    const id = (index: number) => `org_${index}`;
    const partnerChain = above(w.partner);
    const cap = entitlementCap([w.entitlements[w.partner] ?? null, ...partnerChain.map((index) => w.entitlements[index] ?? null)]);
    const result = checkCustomerLink({
      customer: { id: id(w.customer), entitlements: w.entitlements[w.customer] ?? null },
      partner: { id: id(w.partner), kind: w.kinds[w.partner]!, entitlementCap: cap },
      partnersAbovePartner: partnerChain.map(id),
      partnerKinds: ["partner"],
    });
    const own = w.entitlements[w.customer] ?? null;
    const within = cap === null || (own !== null && own.every((permission) => cap.includes(permission)));
    const expected =
      w.customer === w.partner ? "self_link" : w.kinds[w.partner] !== "partner" ? "partner_kind" : partnerChain.includes(w.customer) ? "link_cycle" : !within ? "entitlement_missing" : null;
    expect(result.isErr() ? result.error.rule : null).toBe(expected);
    if (result.isOk()) {
      // Apply it: following partners from the customer never comes back to it.
      partnerOf[w.customer] = w.partner;
      const seen = new Set<number>([w.customer]);
      for (let next = partnerOf[w.customer] ?? null; next !== null; next = partnerOf[next] ?? null) {
        expect(seen.has(next)).toBe(false);
        seen.add(next);
      }
    }
  });
});
