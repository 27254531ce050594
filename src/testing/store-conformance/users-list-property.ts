import assert from "node:assert/strict";
import fc from "fast-check";
import type { Page } from "../../model/page.js";
import type { PageTotal } from "../../model/page-total.js";
import { sortKey } from "../../model/sort-key.js";
import type { UserSortField } from "../../model/user-query.js";
import { userBaseShape, type Audience, type User } from "../../model/user.js";
import { committed } from "./_internal/committed.js";
import { makeTestOrganization } from "./_internal/fixtures/organization.js";
import { makeTestUser } from "./_internal/fixtures/user.js";
import { organizationId, userId } from "./_internal/ids.js";
import { seed } from "./_internal/seed.js";
import type { SuiteContext } from "./_internal/suite-context.js";
import { listUserPage, naiveUserOrder } from "./_internal/user-list.js";

/**
 * Pieces of names chosen to collide and to fold: case pairs, fullwidth letters, composed and
 * decomposed accents, ligatures, characters whose lower case grows, CJK and an apostrophe.
 */
const FRAGMENTS = [
  "anna", "Anna", "ANNA", "Ａnna", "åsa", "Åsa", "bob", "Bob", "émile", "e\u0301mile", "Zoë", "zoe",
  "ß", "SS", "ǅ", "ﬁ", "İ", "日本", "o'Neil", "a", "b",
] as const;
/**
 * First characters, often deciding the order: among them U+E000 (private use), U+FFFC and 😀 (above
 * U+FFFF), which code-point order sorts as E000 < FFFC < 😀 while UTF-16 code-unit order puts 😀 first.
 */
const LEADS = ["", "a", "A", "ä", "Ｂ", "b", "\uE000", "\uFFFC", "😀", "🙂"] as const;
const DOMAINS = ["example.com", "EXAMPLE.com", "exämple.org"] as const;
const PREFIXES = ["", "a", "A", "an", "ａ", "é", "e", "b", "z", "😀", "\uFFFC", "\uE000", "日"] as const;
const AUDIENCES: readonly Audience[] = ["internal", "external", "guest"];

const fragment = fc.constantFrom(...FRAGMENTS);
const lead = fc.constantFrom(...LEADS);
/** A predicate keeping the strings a field schema accepts, so random strings are valid stored values. */
/** Values the schema accepts as they are (a value it would trim is not one a store holds). */
const valid =
  (schema: { safeParse(value: unknown): { success: boolean; data?: unknown } }): ((value: string) => boolean) =>
  (value) => {
    const parsed = schema.safeParse(value);
    return parsed.success && parsed.data === value;
  };

const fullNameArbitrary = fc.oneof(
  fc.tuple(lead, fc.array(fragment, { minLength: 1, maxLength: 3 })).map(([first, parts]) => first + parts.join(" ")),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }).filter(valid(userBaseShape.fullName)),
);
const usernameArbitrary = fc.oneof(
  fc.tuple(lead, fc.array(fragment, { minLength: 1, maxLength: 2 })).map(([first, parts]) => first + parts.join(".")),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }).filter(valid(userBaseShape.username)),
);
const emailArbitrary = fc
  .tuple(lead, fragment, fc.constantFrom(...DOMAINS))
  .map(([first, local, domain]) => `${first}${local}@${domain}`);

const generatedUser = fc.record(
  {
    idNumber: fc.nat(60),
    fullName: fullNameArbitrary,
    username: usernameArbitrary,
    email: emailArbitrary,
    audience: fc.constantFrom(...AUDIENCES),
  },
  { noNullPrototype: true },
);

/**
 * One random listing: the users of org-a (the last `lateCount` of them are inserted only after the
 * first page was read), and how they are asked for.
 */
const scenario = fc.record(
  {
    users: fc.uniqueArray(generatedUser, { maxLength: 30, selector: (user) => sortKey(user.username) }),
    lateCount: fc.nat(6),
    field: fc.constantFrom<UserSortField>("fullName", "username", "email"),
    direction: fc.constantFrom<"asc" | "desc">("asc", "desc"),
    limit: fc.integer({ min: 1, max: 7 }),
    audiences: fc.option(fc.subarray([...AUDIENCES], { minLength: 1 }), { nil: undefined }),
    prefix: fc.option(fc.constantFrom(...PREFIXES), { nil: undefined }),
    total: fc.constantFrom<PageTotal | undefined>(undefined, "first_page", "every_page", "none"),
  },
  { noNullPrototype: true },
);

/** How many random listings the property tries: enough to find ordering bugs, few enough to run in seconds. */
const RUNS = 25;

/** Registers the fast-check property of `users.list` paging. */
export function registerUserListPropertyTests({ test, openStore, closeStore }: SuiteContext): void {
  test.describe("users.list: property", () => {
    test.it(
      "random users paged with random sizes, orders and filters, some inserted between pages, come back each exactly once in (sortKey, id) order, and a counted total is the matching users of the page's snapshot",
      async () => {
        await fc.assert(
          fc.asyncProperty(scenario, async ({ users: generated, lateCount, field, direction, limit, audiences, prefix, total }) => {
            const users: User[] = generated.map((user, index) =>
              makeTestUser({ ...user, id: `u-${user.idNumber}-${index}`, organizationId: "org-a" }),
            );
            const late = users.slice(users.length - Math.min(lateCount, users.length));
            const early = users.slice(0, users.length - late.length);
            // The same people in another organization: never listed for org-a.
            const strangers = users
              .slice(0, 3)
              .map((user, index) => ({ ...user, id: userId(`b-${index}`), organizationId: organizationId("org-b") }));
            const matches = (user: User): boolean =>
              (audiences === undefined || audiences.includes(user.audience)) &&
              (prefix === undefined || sortKey(user[field]).startsWith(sortKey(prefix)));
            const sort = { field, direction };
            const filter = audiences === undefined ? {} : { filter: { audiences } };
            const prefixed = prefix === undefined ? {} : { prefix };
            const counted = total === undefined ? {} : { total };

            const store = await openStore();
            try {
              await seed(store, {
                organizations: [makeTestOrganization({ id: "org-a" }), makeTestOrganization({ id: "org-b" })],
                users: [...strangers, ...early],
              });
              const pages: string[][] = [];
              let after: string | null = null;
              for (;;) {
                const input = { sort, limit, ...filter, ...prefixed, ...counted, ...(after === null ? {} : { after }) };
                // Each page in its own transaction, as a client paging through a list does.
                const page: Page<User> = await committed(store, (tx) => listUserPage(tx, organizationId("org-a"), input));
                pages.push(page.items.map((user) => user.id));
                // A counted total is every matching user of the snapshot the page was read in (the late ones exist after page 1).
                const countsHere = total === "every_page" || (total !== "none" && pages.length === 1);
                const present = pages.length === 1 ? early : [...early, ...late];
                assert.equal(page.total, countsHere ? present.filter(matches).length : null, `the total of page ${pages.length}`);
                if (page.nextCursor === null) break;
                assert.equal(page.items.length, limit, "every page but the last is full");
                assert.ok(pages.length <= users.length, "the cursor does not loop");
                if (pages.length === 1) await seed(store, { users: late });
                after = page.nextCursor;
              }

              const [first = [], ...rest] = pages;
              assert.deepEqual(first, naiveUserOrder(early.filter(matches), field, direction).slice(0, limit), "the first page");
              if (rest.length > 0) {
                // After the first page the late users exist too: the rest is every matching row after the
                // first page's last row, in order, each once.
                const everyone = naiveUserOrder([...early, ...late].filter(matches), field, direction);
                const last = first[first.length - 1];
                assert.ok(last !== undefined);
                assert.deepEqual(rest.flat(), everyone.slice(everyone.indexOf(last) + 1), "the pages after the first");
              }
            } finally {
              await closeStore(store);
            }
          }),
          { numRuns: RUNS },
        );
      },
      60_000,
    );
  });
}
