// Outbox delivery sits with the other jobs: `tenure.jobs.deliverOutbox` sends what the commands queued,
// with the service's own store and clock, exactly like `deliverOutbox` given them.
import { describe, expect, it } from "vitest";
import { createMemoryMailer } from "tenure";
import { setupWorld } from "../_harness.js";

describe("tenure.jobs.deliverOutbox", () => {
  it("delivers the invitation mail a command queued, once, through the host's mailer", async () => {
    const world = await setupWorld();
    const invited = await world.tenure.onboarding.invite(world.as(world.customerAdmin), {
      organizationId: world.customer.id,
      user: { username: "ann", fullName: "Ann Lee", email: "ann@example.org" },
    });
    expect(invited.isOk()).toBe(true);
    const mailer = createMemoryMailer();
    expect(await world.tenure.jobs.deliverOutbox({ mailer })).toMatchObject({ claimed: 1, sent: 1, retried: 0, dead: 0 });
    expect(mailer.sent.map((mail) => mail.to.address)).toEqual(["ann@example.org"]);
    // Nothing is due any more: a second run claims nothing.
    expect(await world.tenure.jobs.deliverOutbox({ mailer, limit: 10 })).toMatchObject({ claimed: 0, sent: 0 });
  });

  it("refuses a bad limit as deliverOutbox does", async () => {
    const world = await setupWorld();
    await expect(world.tenure.jobs.deliverOutbox({ mailer: createMemoryMailer(), limit: 0 })).rejects.toThrow(RangeError);
  });
});
