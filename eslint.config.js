import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

/** Import boundaries of DEVELOPERS.md: engine imports nothing of ours; db/jobs only engine types. */
const boundary = "crosses an import boundary (DEVELOPERS.md)";
const forbidWith = (groups, typeOnly = [], extra = []) => ({
  "@typescript-eslint/no-restricted-imports": [
    "error",
    {
      patterns: [
        ...groups.map((group) => ({ group: [group], message: boundary })),
        // A type import is erased at build time, so it carries no code across the boundary.
        ...typeOnly.map((group) => ({ group: [group], allowTypeImports: true, message: `${boundary}: import types only (\`import type\`)` })),
        ...extra,
      ],
    },
  ],
});
const forbid = (...groups) => forbidWith(groups);
const dbGroups = ["@alchemist/jobs", "@alchemist/cli", "@alchemist/web", "@alchemist/worker", "@alchemist/engine/node", "next", "react", "bullmq"];
const jobsGroups = ["@alchemist/db", "@alchemist/cli", "@alchemist/web", "@alchemist/worker", "next", "react", "@prisma/*"];
const webGroups = ["@alchemist/cli", "@alchemist/worker", "bullmq/dist/*"];
// Another feature is reached through its surface only (features/feature-boundaries.test.ts also checks relative paths and cycles).
const featureSurface = {
  group: ["@/features/*/*", "!@/features/*/client"],
  message: 'import another feature through "@/features/<name>" or "@/features/<name>/client"; inside a feature, use a relative path',
};
const frameworks = ["next", "next/*", "react", "react-dom", "@prisma/*", "bullmq", "ioredis", "pg"];

export default tseslint.config(
  // examples/*/programs hold labeling programs (a top-level label_function the sandbox calls).
  {
    ignores: [
      "examples/*/programs/**",
      "**/node_modules/**",
      "**/.next/**",
      "**/generated/**",
      "**/dist/**",
      "out/**",
      "**/next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
    ],
  },
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
  { files: ["packages/jobs/**"], rules: forbidWith(jobsGroups, ["@alchemist/engine"]) },
  { files: ["packages/db/**"], rules: forbidWith(dbGroups, ["@alchemist/engine"]) },
  // Tests and the demo seed build fixtures with engine functions; they ship in no service path.
  { files: ["packages/jobs/**/*.test.ts"], rules: forbid(...jobsGroups) },
  { files: ["packages/db/**/*.test.ts", "packages/db/src/testing/**"], rules: forbid(...dbGroups) },
  { files: ["apps/cli/**"], rules: forbid("@alchemist/web", "@alchemist/worker", "@alchemist/jobs", "next", "react", "bullmq") },
  { files: ["worker/**"], rules: forbid("@alchemist/web", "@alchemist/cli", "next", "react") },
  { files: ["apps/web/**"], rules: forbidWith(webGroups, [], [featureSurface]) },
  // Pages and components reach data through a feature's server-only service, never Prisma itself.
  {
    files: ["apps/web/src/app/**", "apps/web/src/features/*/components/**"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: forbidWith([...webGroups, "@prisma/*", "@alchemist/db/*"], ["@alchemist/db"], [featureSurface]),
  },
  { files: ["**/*.js", "**/*.mjs"], ...tseslint.configs.disableTypeChecked },
);
