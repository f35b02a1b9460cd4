import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The default budgets are for small tests and grow with how slow this machine is at start-up (a
// busy 2-core CI box runs the same work several times slower): a loop timed now against its time on
// an idle core. Tests with large work size their own budget from it (crash tests: crashBudget).
const IDLE_LOOP_MS = 20;
const slowdown = (() => {
  const started = performance.now();
  let sum = 0;
  for (let i = 0; i < 2e7; i++) sum += i % 7;
  // sum is read, so the loop cannot be optimised away
  return Math.max(1, (performance.now() - started) / IDLE_LOOP_MS) + (sum < 0 ? 1 : 0);
})();

export default defineConfig({
  // Web services import "server-only" (it throws outside React Server Components): unit tests of
  // services that take the Prisma client run them on a test database.
  // `@/` is the web app's alias (apps/web/tsconfig.json): pure web modules import other features' surfaces through it.
  resolve: {
    alias: [
      { find: /^server-only$/, replacement: fileURLToPath(new URL("./apps/web/src/features/auth/testing/empty-module.ts", import.meta.url)) },
      { find: /^@\//, replacement: fileURLToPath(new URL("./apps/web/src/", import.meta.url)) },
    ],
  },
  // Web feature surfaces re-export components: compile JSX that a test reaches through them (the web's
  // tsconfig keeps it, "preserve", for Next.js).
  oxc: { jsx: { runtime: "automatic" } },
  test: {
    include: ["packages/**/*.test.ts", "apps/**/*.test.ts", "worker/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/.next/**", "e2e/**"],
    // Tests that size their own budget read the same factor (packages/engine/src/node/testing/test-budget.ts).
    env: { ALCHEMIST_TEST_SLOWDOWN: slowdown.toFixed(2) },
    testTimeout: Math.round(60_000 * slowdown),
    hookTimeout: Math.round(120_000 * slowdown),
    pool: "forks",
  },
});
