import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = fileURLToPath(new URL("./src/", import.meta.url));
const repo = fileURLToPath(new URL("../../", import.meta.url));

/**
 * The dynamic server-action access test (`npm run test:access`): runs the real actions, auth and
 * database with only Next's request-context modules replaced, so it needs the app's `@/` alias.
 */
export default defineConfig({
  root: repo,
  resolve: {
    alias: [
      { find: /^@\//, replacement: src },
      { find: /^server-only$/, replacement: `${src}features/auth/testing/empty-module.ts` },
    ],
  },
  // Feature surfaces re-export components, so an action's imports reach .tsx files: compile their JSX
  // (the app's tsconfig keeps it for Next.js, "preserve", which Vite cannot run).
  oxc: { jsx: { runtime: "automatic" } },
  test: {
    include: ["apps/web/src/**/*.access.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
