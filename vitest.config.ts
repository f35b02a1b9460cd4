import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

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
  test: {
    include: ["packages/**/*.test.ts", "apps/**/*.test.ts", "worker/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/.next/**", "e2e/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
