import { describe, it } from "vitest";
import { describeStoreConformance } from "tenure/testing";
import { createMemoryStore } from "../../src/adapters/memory/memory-store.js";

describeStoreConformance({ name: "memory store", makeStore: () => createMemoryStore(), test: { describe, it } });
