import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

/** Import boundaries of DEVELOPERS.md: engine imports nothing of ours; db/jobs only engine types. */
const forbid = (...groups) => ({
  "no-restricted-imports": ["error", { patterns: groups.map((group) => ({ group: [group], message: "crosses an import boundary (DEVELOPERS.md)" })) }],
});
const frameworks = ["next", "next/*", "react", "react-dom", "@prisma/*", "bullmq", "ioredis", "pg"];

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/.next/**", "**/generated/**", "**/dist/**", "out/**", "**/next-env.d.ts", "test-results/**", "playwright-report/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  { files: ["packages/engine/**"], rules: forbid("@alchemist/*", ...frameworks) },
  {
    files: ["packages/engine/src/**"],
    ignores: ["packages/engine/src/node/**"],
    rules: forbid("@alchemist/*", ...frameworks, "node:*", "fs", "path", "child_process", "worker_threads", "os"),
  },
  { files: ["packages/jobs/**"], rules: forbid("@alchemist/db", "@alchemist/cli", "@alchemist/web", "@alchemist/worker", "next", "react", "@prisma/*") },
  { files: ["packages/db/**"], rules: forbid("@alchemist/jobs", "@alchemist/cli", "@alchemist/web", "@alchemist/worker", "@alchemist/engine/node", "next", "react", "bullmq") },
  { files: ["apps/cli/**"], rules: forbid("@alchemist/web", "@alchemist/worker", "@alchemist/jobs", "next", "react", "bullmq") },
  { files: ["worker/**"], rules: forbid("@alchemist/web", "@alchemist/cli", "next", "react") },
  { files: ["apps/web/**"], rules: forbid("@alchemist/cli", "@alchemist/worker", "bullmq/dist/*") },
  { files: ["**/*.js", "**/*.mjs"], ...tseslint.configs.disableTypeChecked },
);
