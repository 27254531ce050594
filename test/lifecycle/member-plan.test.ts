// The member plan of an admission: the initial account state and the third-party window, pure.
import { describe, expect, it } from "vitest";
import { initialAccountState, planAccessWindow, settingsSchema } from "tenure";

const now = new Date("2026-03-02T09:00:00Z");
const settings = settingsSchema.parse({ thirdParty: { enabled: true, maxAccessDays: 90 } });

describe("the member plan", () => {
  it("starts an invitation invited or active, a sign-up active or (Force Verify) pending verification", () => {
    expect(initialAccountState("invited", now, settings)._unsafeUnwrap()).toEqual({ status: "invited" });
    expect(initialAccountState("activated", now, settings)._unsafeUnwrap().status).toBe("active");
    expect(initialAccountState("signed_up", now, settings)._unsafeUnwrap()).toEqual({ status: "active" });
    expect(initialAccountState("signed_up", now, { ...settings, forceVerify: true })._unsafeUnwrap()).toEqual({ status: "pending_verification" });
  });

  it("gives a third-party user the maximum window, refuses a day beyond it at thirdPartyLastDay, and a day for a regular user", () => {
    expect(planAccessWindow({}, now, settings)._unsafeUnwrap()).toBeNull();
    expect(planAccessWindow({ thirdParty: true }, now, settings)._unsafeUnwrap()?.getTime()).toBeGreaterThan(now.getTime());
    const beyond = planAccessWindow({ thirdParty: true, thirdPartyLastDay: "2027-01-01" }, now, settings)._unsafeUnwrapErr();
    expect((beyond as unknown as { issues: { field: string }[] }).issues[0]?.field).toBe("thirdPartyLastDay");
    const regular = planAccessWindow({ thirdPartyLastDay: "2026-03-10" }, now, settings)._unsafeUnwrapErr();
    expect((regular as unknown as { issues: { code: string }[] }).issues[0]?.code).toBe("not_third_party");
    const off = settingsSchema.parse({});
    expect(planAccessWindow({ thirdParty: true }, now, off)._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "third_party_disabled" });
  });
});
