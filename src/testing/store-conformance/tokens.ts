import assert from "node:assert/strict";
import { err, ok } from "neverthrow";
import type { Token } from "../../model/token.js";
import type { ConformanceStore } from "./conformance-options.js";
import { committed } from "./_internal/committed.js";
import { makeTestOrganization } from "./_internal/fixtures/organization.js";
import { testInstant } from "./_internal/fixtures/test-instant.js";
import { makeTestToken, testTokenHash } from "./_internal/fixtures/token.js";
import { organizationId, tokenId, userId } from "./_internal/ids.js";
import { expectErr, expectOk } from "./_internal/results.js";
import { seed } from "./_internal/seed.js";
import type { SuiteContext } from "./_internal/suite-context.js";

const A = "org-a";
const ORG_A = organizationId(A);

/** Stores org-a and org-b and the tokens. */
async function seedTokens(store: ConformanceStore, tokens: readonly Token[]): Promise<void> {
  await seed(store, { organizations: [makeTestOrganization({ id: A }), makeTestOrganization({ id: "org-b" })], tokens });
}

/** Reads a token by the hash of its id (the fixture's secret). */
async function tokenBySecret(store: ConformanceStore, secret: string): Promise<Token | null> {
  return committed(store, (tx) => tx.tokens.findByHash(testTokenHash(secret)));
}

/** Registers the tests of `TokenRepository`: findByHash, consume exactly once, invalidateForUser, copies. */
export function registerTokenTests({ test, storeTest }: SuiteContext): void {
  test.describe("tokens", () => {
    storeTest("insert returns the token and findByHash reads it back, whatever organization asks", async (store) => {
      const token = makeTestToken({ id: "t-1", organizationId: "org-b", userId: "u-1", purpose: "password_reset" });
      await seedTokens(store, []);
      const inserted = await committed(store, async (tx) => expectOk(await tx.tokens.insert(token), "insert"));
      assert.deepEqual(inserted, token);
      assert.deepEqual(await tokenBySecret(store, "t-1"), token);
      assert.equal(await tokenBySecret(store, "t-unknown"), null);
    });

    storeTest("insert with a taken id is a duplicate", async (store) => {
      const original = makeTestToken({ id: "t-1", organizationId: A });
      await seedTokens(store, [original]);
      const error = await committed(store, async (tx) =>
        expectErr(await tx.tokens.insert({ ...original, hash: testTokenHash("other secret") }), "duplicate", "insert"),
      );
      assert.equal(error.entity, "token");
      assert.equal(await tokenBySecret(store, "other secret"), null);
    });

    storeTest("consume marks the token used once; a second consume is a conflict", async (store) => {
      await seedTokens(store, [makeTestToken({ id: "t-1", organizationId: A })]);
      const consumed = await committed(store, async (tx) => expectOk(await tx.tokens.consume(ORG_A, tokenId("t-1"), testInstant(5)), "consume"));
      assert.deepEqual(consumed.usedAt, testInstant(5));
      assert.equal(consumed.id, "t-1");
      assert.deepEqual((await tokenBySecret(store, "t-1"))?.usedAt, testInstant(5), "a used token is still found");
      await committed(store, async (tx) => {
        const error = expectErr(await tx.tokens.consume(ORG_A, tokenId("t-1"), testInstant(6)), "conflict", "second consume");
        assert.equal(error.entity, "token");
        assert.equal(error.id, "t-1");
      });
      assert.deepEqual((await tokenBySecret(store, "t-1"))?.usedAt, testInstant(5), "the first use is kept");
    });

    storeTest("consume of an unknown token, or of another organization's, is not_found and changes nothing", async (store) => {
      await seedTokens(store, [makeTestToken({ id: "t-b", organizationId: "org-b" })]);
      await committed(store, async (tx) => {
        expectErr(await tx.tokens.consume(ORG_A, tokenId("t-missing"), testInstant(1)), "not_found", "unknown");
        const error = expectErr(await tx.tokens.consume(ORG_A, tokenId("t-b"), testInstant(1)), "not_found", "org-b's token");
        assert.equal(error.entity, "token");
      });
      assert.equal((await tokenBySecret(store, "t-b"))?.usedAt, null);
    });

    storeTest("two concurrent transactions consuming one token: exactly one succeeds, the other gets a conflict", async (store) => {
      await seedTokens(store, [makeTestToken({ id: "t-1", organizationId: A })]);
      const attempt = (minute: number) =>
        store.transaction(async (tx) => {
          const result = await tx.tokens.consume(ORG_A, tokenId("t-1"), testInstant(minute));
          return result.isOk() ? ok(minute) : err(result.error);
        });
      const results = await Promise.all([attempt(1), attempt(2)]);
      const winners = results.filter((result) => result.isOk());
      assert.equal(winners.length, 1, "exactly one consumer succeeds");
      const loser = results.find((result) => result.isErr());
      assert.ok(loser !== undefined);
      expectErr(loser, "conflict", "the other consumer");
      const winner = winners[0];
      assert.ok(winner !== undefined);
      assert.deepEqual((await tokenBySecret(store, "t-1"))?.usedAt, testInstant(expectOk(winner, "winner")));
    });

    storeTest("two concurrent consumes in one transaction: exactly one succeeds", async (store) => {
      await seedTokens(store, [makeTestToken({ id: "t-1", organizationId: A })]);
      await committed(store, async (tx) => {
        const results = await Promise.all([
          tx.tokens.consume(ORG_A, tokenId("t-1"), testInstant(1)),
          tx.tokens.consume(ORG_A, tokenId("t-1"), testInstant(2)),
        ]);
        assert.equal(results.filter((result) => result.isOk()).length, 1);
        const loser = results.find((result) => result.isErr());
        assert.ok(loser !== undefined);
        expectErr(loser, "conflict", "the other consumer");
      });
    });

    storeTest("invalidateForUser uses up the user's unused tokens of one purpose and counts them", async (store) => {
      const token = makeTestToken;
      await seedTokens(store, [
        token({ id: "t-1", organizationId: A, userId: "u-1", purpose: "password_reset" }),
        token({ id: "t-2", organizationId: A, userId: "u-1", purpose: "password_reset", expiresAt: testInstant(-60) }),
        token({ id: "t-3", organizationId: A, userId: "u-1", purpose: "password_reset", usedAt: testInstant(-5) }),
        token({ id: "t-4", organizationId: A, userId: "u-1", purpose: "invitation" }),
        token({ id: "t-5", organizationId: A, userId: "u-2", purpose: "password_reset" }),
        token({ id: "t-6", organizationId: "org-b", userId: "u-1", purpose: "password_reset" }),
      ]);
      const count = await committed(store, (tx) => tx.tokens.invalidateForUser(ORG_A, userId("u-1"), "password_reset", testInstant(10)));
      assert.equal(count, 2);
      const usedAt = async (id: string): Promise<Date | null | undefined> => (await tokenBySecret(store, id))?.usedAt;
      assert.deepEqual(await usedAt("t-1"), testInstant(10));
      assert.deepEqual(await usedAt("t-2"), testInstant(10));
      assert.deepEqual(await usedAt("t-3"), testInstant(-5), "an already used token keeps its use");
      assert.equal(await usedAt("t-4"), null, "another purpose");
      assert.equal(await usedAt("t-5"), null, "another user");
      assert.equal(await usedAt("t-6"), null, "another organization");
      await committed(store, async (tx) => {
        expectErr(await tx.tokens.consume(ORG_A, tokenId("t-1"), testInstant(11)), "conflict", "an invalidated token");
        assert.equal(await tx.tokens.invalidateForUser(ORG_A, userId("u-1"), "password_reset", testInstant(12)), 0);
      });
    });

    storeTest("returned and inserted tokens are copies: mutating them does not change the store", async (store) => {
      const input = makeTestToken({ id: "t-1", organizationId: A });
      const expected = structuredClone(input);
      await seedTokens(store, [input]);
      input.usedAt = testInstant(1);
      input.expiresAt.setTime(0);
      const read = await tokenBySecret(store, "t-1");
      assert.ok(read !== null);
      read.usedAt = testInstant(2);
      read.createdAt.setTime(0);
      assert.deepEqual(await tokenBySecret(store, "t-1"), expected);
      const consumed = await committed(store, async (tx) => expectOk(await tx.tokens.consume(ORG_A, expected.id, testInstant(3)), "consume"));
      consumed.usedAt?.setTime(0);
      assert.deepEqual((await tokenBySecret(store, "t-1"))?.usedAt, testInstant(3));
    });
  });
}
