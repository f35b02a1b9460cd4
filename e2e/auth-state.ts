import { join } from "node:path";

/** Where the setup project keeps the demo owner's signed-in browser state for every spec. */
export const STORAGE_STATE = join(import.meta.dirname, "..", "test-results", ".auth", "demo.json");

/** The seeded demo owner (packages/db seedDemo's DEMO_USER). */
export const DEMO_LOGIN = { email: "demo@alchemist.local", password: "alchemist-demo-2026" } as const;
