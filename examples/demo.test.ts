// The demo (`npm run demo`) as the issue asks for it: a walkthrough through the service from its first
// line, the four manuals in order, distinct organization names, and dates that agree with the days it
// says. Runs the walkthrough of examples/demo/ on memory stores and reads its output and its stores.
import { ok } from "neverthrow";
import { beforeAll, describe, expect, it } from "vitest";
import { auditQuerySchema, createMemoryStore, userQuerySchema, type TenureStore } from "tenure";
import { DEMO_START, formatDay } from "./support/demo-kit.js";
import { runDemo } from "./demo/walkthrough.js";

const DAY = 24 * 60 * 60 * 1000;

async function recordedRun(): Promise<{ lines: string[]; stores: TenureStore<any, any, any>[] }> {
  const lines: string[] = [];
  const stores: TenureStore<any, any, any>[] = [];
  await runDemo(
    () => {
      const store = createMemoryStore();
      stores.push(store);
      return store;
    },
    (line = "") => lines.push(line),
  );
  return { lines, stores };
}

let recorded: Promise<{ lines: string[]; stores: TenureStore<any, any, any>[] }>;

describe("the demo walkthrough", () => {
  // One run for every check; on a busy machine the walkthrough (scrypt at its default cost) takes a while.
  beforeAll(async () => {
    recorded = recordedRun();
    await recorded;
  }, 180_000);

  it("is numbered sections, in the order of the manuals, each made of one line per step", async () => {
    const { lines } = await recorded;
    const headings = lines.filter((line) => /^\d+\. /.test(line));
    expect(headings.map((line) => Number(line.split(".")[0]))).toEqual(headings.map((_, index) => index + 1));
    const platforms = headings.map((line) => /^\d+\. (Marketplace|Partner portal|Document workspace|Proposal workspace)\b/.exec(line)?.[1]);
    expect(platforms).not.toContain(undefined);
    const order = ["Marketplace", "Partner portal", "Document workspace", "Proposal workspace"];
    expect([...new Set(platforms)]).toEqual(order);
    const body = lines.slice(lines.indexOf(headings[0] ?? "") + 1).filter((line) => line !== "" && !headings.includes(line));
    for (const line of body) expect(line).toMatch(/^ {3}(- |… )\S/);
    for (const line of lines) expect(line).not.toMatch(/\?!|undefined|\[object|NaN/);
  });

  it("gives every organization it creates a name of its own", async () => {
    const { stores } = await recorded;
    const organizations = (
      await Promise.all(stores.map(async (store) => (await store.transaction(async (tx) => ok(await tx.organizations.list())))._unsafeUnwrap()))
    ).flat();
    expect(organizations.length).toBeGreaterThanOrEqual(6);
    expect(new Set(organizations.map((organization) => organization.name)).size).toBe(organizations.length);
  });

  it("goes through the service from the first line: every organization's trail starts with its creation, and every user it holds was audited", async () => {
    const { stores } = await recorded;
    for (const store of stores) {
      const read = await store.transaction(async (tx) => {
        const organizations = await tx.organizations.list();
        const trails = await Promise.all(
          organizations.map(async (organization) => {
            const events = await tx.audit.query(organization.id, auditQuerySchema.parse({ limit: 1000 }));
            if (events.isErr()) throw new Error(events.error.message);
            const users = await tx.users.list(organization.id, userQuerySchema.parse({ limit: 1000 }));
            if (users.isErr()) throw new Error(users.error.message);
            return { events: events.value.items, users: users.value.items };
          }),
        );
        return ok(trails);
      });
      for (const { events, users } of read._unsafeUnwrap()) {
        expect(events.at(-1)?.action).toBe("organization.created");
        const targets = new Set(events.map((event) => event.target.id));
        for (const user of users) expect(targets).toContain(user.id);
      }
    }
  });

  it("prints dates that agree with the days it says", async () => {
    const { lines } = await recorded;
    let today = DEMO_START.getTime();
    let lastDay: number | null = null;
    let checked = 0;
    const day = (offset: number) => formatDay(new Date(today + offset * DAY));
    for (const line of lines) {
      const later = /… (\d+) days? later: (.+)$/.exec(line);
      if (later !== null) {
        expect(later[2]).toBe(day(Number(later[1])));
        today += Number(later[1]) * DAY;
        checked += 1;
      }
      const until = /for (\d+) days, until (\w{3} \d+ \w{3} \d{4})/.exec(line);
      if (until !== null) {
        expect(until[2]).toBe(day(Number(until[1])));
        checked += 1;
      }
      const window = /through (\w{3} \d+ \w{3} \d{4}), today plus (\d+) days; the management view counts (\d+) days left, today included/.exec(line);
      if (window !== null) {
        expect(window[1]).toBe(day(Number(window[2])));
        expect(Number(window[3])).toBe(Number(window[2]) + 1);
        lastDay = today + Number(window[2]) * DAY;
        checked += 1;
      }
      const left = /^ {3}- (\d+) days left;/.exec(line);
      if (left !== null && lastDay !== null) {
        expect(Number(left[1])).toBe(Math.round((lastDay - today) / DAY) + 1);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });
});
