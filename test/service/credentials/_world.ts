/**
 * The service world of `../_harness.ts`, plus what the credential commands need until `createTenure`
 * wires them: the internal service context over the same store, clock and link log, with the credential
 * commands on it. The context's store counts every repository call (to compare the store work of two
 * answers) and its hasher counts verifications (to see the dummy hash used).
 *
 * For the concurrency tests, an optional `gate` is awaited before every repository call and every
 * verification of the context (a fast-check scheduler, or a delay), and every transaction of the
 * context is logged with the credential it read and wrote and whether it committed, under the tag of
 * the `tagged` call it ran in.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { ResultAsync } from "neverthrow";
import { expect } from "vitest";
import {
  createScryptPasswordHasher,
  type PasswordHasher,
  type Credential,
  type SettingsInput,
  type StoreTransaction,
  type TenureError,
  type TenureStore,
  type User,
} from "tenure";
import { credentialCommands } from "../../../src/service/commands/credentials/index.js";
import { createServiceContext } from "../../../src/service/_internal/service-context.js";
import { NODE_DEFAULTS } from "../../../src/create-tenure.js";
import { catalog, sequentialIds, setupWorld } from "../_harness.js";

/** The repositories of a transaction whose calls are counted. */
const REPOSITORIES = ["organizations", "users", "groups", "assignments", "invitations", "tokens", "credentials", "audit", "outbox"] as const;

/** A step of the credential commands that a world's `gate` may hold back. */
export type GateStep = { readonly kind: "store"; readonly call: string } | { readonly kind: "verify"; readonly password: string };

/** One transaction the credential commands ran: the credential it read first and wrote last, and whether it committed. */
export interface TransactionRecord {
  readonly tag: string | undefined;
  read: Credential | null | undefined;
  written: Credential | undefined;
  committed: boolean;
}

/** Sets up the harness world with the credential commands on a context over its store. */
export async function setupCredentialsWorld(
  options: { readonly settings?: SettingsInput; readonly gate?: (step: GateStep) => Promise<void> | undefined } = {},
) {
  const world = await setupWorld(options.settings === undefined ? {} : { settings: options.settings });
  const gate = options.gate;
  const tags = new AsyncLocalStorage<string>();

  /** Every repository call made through the context's store, as `repository.method`. */
  const storeCalls: string[] = [];
  /** Every transaction of the context's store, in the order they ended. */
  const transactions: TransactionRecord[] = [];
  const counted = <UA extends object, OA extends object, N>(tx: StoreTransaction<UA, OA, N>, record: TransactionRecord): StoreTransaction<UA, OA, N> => {
    const wrapped: Record<string, unknown> = { native: tx.native };
    for (const name of REPOSITORIES) {
      const repository = tx[name] as unknown as Record<string, unknown>;
      wrapped[name] = new Proxy(repository, {
        get(target, property) {
          const value = target[property as string];
          if (typeof value !== "function") return value;
          const call = `${name}.${String(property)}`;
          const observe = (result: unknown): unknown => {
            if (call === "credentials.get" && record.read === undefined) record.read = result as Credential | null;
            const written = result as { isOk?: () => boolean; value?: Credential };
            if ((call === "credentials.update" || call === "credentials.insert") && written.isOk?.() === true) record.written = written.value;
            return result;
          };
          return (...args: unknown[]) => {
            storeCalls.push(call);
            const run = () => (value as (...a: unknown[]) => unknown).apply(target, args);
            if (gate === undefined) {
              const result = run();
              return result instanceof Promise ? result.then(observe) : result;
            }
            return (async () => {
              await gate({ kind: "store", call });
              return observe(await run());
            })();
          };
        },
      });
    }
    return wrapped as unknown as StoreTransaction<UA, OA, N>;
  };
  const store = {
    transaction: async (work: (tx: StoreTransaction<object, object, unknown>) => Promise<never>) => {
      const record: TransactionRecord = { tag: tags.getStore(), read: undefined, written: undefined, committed: false };
      const result = await world.store.transaction((tx) => work(counted(tx, record)));
      record.committed = result.isOk();
      transactions.push(record);
      return result;
    },
    close: () => world.store.close(),
  } as unknown as TenureStore<Record<never, never>, Record<never, never>, unknown>;

  /** The seeded users' hasher (any scrypt hasher verifies their hashes), counting verifications. */
  const scrypt = createScryptPasswordHasher({ cost: 2 ** 10 });
  const hasher = { verifications: 0, hash: (password: string) => scrypt.hash(password), verify: async (encoded: string, password: string) => {
    hasher.verifications += 1;
    await gate?.({ kind: "verify", password });
    return scrypt.verify(encoded, password);
  } } satisfies PasswordHasher & { verifications: number };

  const base = sequentialIds();
  const context = createServiceContext({
    catalog,
    store,
    clock: world.clock,
    hasher,
    // Ids of their own (`evt_cred1`), so they never collide with those the harness's service hands out.
    ids: { next: (kind) => base.next(kind).replace("_", "_cred") },
    settings: options.settings ?? {},
    links: (link) => {
      world.links.push(link);
      return `https://app.example/${link.purpose}?token=${link.secret}`;
    },
  }, NODE_DEFAULTS);

  /** The credential of a user as committed now. */
  const credentialOf = (user: Pick<User, "id">) => world.store.snapshot().credentials.find((credential) => credential.userId === user.id) ?? null;

  /** The mails queued so far, oldest first. */
  const outbox = () => world.store.snapshot().outbox;

  /**
   * Runs a command that must be refused: checks its error against `expected`, and that the store,
   * audit log and outbox included, is exactly as before.
   */
  const expectRefused = async <T>(run: () => ResultAsync<T, TenureError>, expected: Record<string, unknown>): Promise<TenureError> => {
    const before = world.store.snapshot();
    const result = await run();
    expect(result.isErr()).toBe(true);
    const error = result._unsafeUnwrapErr();
    expect(error).toMatchObject(expected);
    expect(world.store.snapshot()).toEqual(before);
    return error;
  };

  /** The secret of the newest link the service built. */
  const lastSecret = (): string => {
    const link = world.links.at(-1);
    if (link === undefined) throw new Error("No link was built.");
    return link.secret;
  };

  /** Runs `run` under `tag`: the transactions it starts are logged with it. */
  const tagged = <T>(tag: string, run: () => T): T => tags.run(tag, run);

  return {
    ...world,
    context,
    hasher,
    storeCalls,
    transactions,
    tagged,
    credentials: credentialCommands(context),
    credentialOf,
    outbox,
    expectRefused,
    lastSecret,
  };
}

/** The world type, for helpers in test files. */
export type CredentialsWorld = Awaited<ReturnType<typeof setupCredentialsWorld>>;
