import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";
import { STORAGE_STATE } from "./e2e/auth-state";

/**
 * End-to-end tests run the production build and a real worker process against a dedicated,
 * freshly migrated and seeded database, on their own BullMQ key prefix and upload folder.
 */
const port = Number(process.env.E2E_PORT ?? 3107);
const databaseUrl = process.env.E2E_DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/alchemist_e2e";
process.env.E2E_DATABASE_URL = databaseUrl;
const studioEnv = {
  DATABASE_URL: databaseUrl,
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  QUEUE_PREFIX: "alchemist-e2e",
  UPLOAD_DIR: join(tmpdir(), "alchemist-e2e-uploads"),
  UPLOAD_MAX_BYTES: String(10 * 1024 * 1024),
  // The worker's CLIP model for image datasets: e2e/images.spec.ts writes the shapes-world tiny model there.
  CLIP_MODEL_DIR: join(tmpdir(), "alchemist-e2e-clip"),
  // `next start` runs in production mode, where both are required; e2e-only values.
  BETTER_AUTH_SECRET: process.env.E2E_BETTER_AUTH_SECRET ?? "e2e-only-secret-0123456789abcdef0123456789",
  BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
  // Encrypts project provider keys; web and worker must share it (e2e-only value: 32 bytes base64).
  SECRETS_KEY: process.env.E2E_SECRETS_KEY ?? "ZTJlLW9ubHktc2VjcmV0cy1rZXktMzItYnl0ZXMhISE=",
};
process.env.E2E_BETTER_AUTH_SECRET = studioEnv.BETTER_AUTH_SECRET;
process.env.E2E_CLIP_MODEL_DIR = studioEnv.CLIP_MODEL_DIR;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]] : "list",
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: "chromium",
    headless: true,
    viewport: { width: 1280, height: 900 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    // Signs in once as the seeded demo owner (e2e/auth.setup.ts); specs start signed in.
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    { name: "studio", testMatch: /\.spec\.ts$/, dependencies: ["setup"], use: { storageState: STORAGE_STATE } },
  ],
  webServer: [
    {
      // Pages read the database per request, so the server may start before global setup seeds it.
      name: "web",
      command: `npx next build && npx next start -H 127.0.0.1 -p ${port}`,
      cwd: "apps/web",
      url: `http://127.0.0.1:${port}/api/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 300_000,
      stdout: "pipe",
      stderr: "pipe",
      env: { ...studioEnv, NEXT_TELEMETRY_DISABLED: "1" },
    },
    {
      // The real worker: imports, previews, sample runs and apply-programs jobs.
      name: "worker",
      command: "npx tsx worker/src/main.ts",
      wait: { stdout: /listening/ },
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
      env: studioEnv,
    },
  ],
});
