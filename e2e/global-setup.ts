import { applyMigrations } from "@alchemist/db/migrate";
import { createPrismaClient } from "@alchemist/db";
import { seedDemo } from "@alchemist/db/testing";

/**
 * Brings the e2e database (created if missing) to the latest migration and seeds the demo
 * project; both steps are idempotent, so reruns against the same database are safe.
 */
export default async function globalSetup(): Promise<void> {
  const databaseUrl = process.env.E2E_DATABASE_URL;
  if (!databaseUrl) throw new Error("E2E_DATABASE_URL is not set; playwright.config.ts sets it");
  if (!/\/alchemist_e2e(\?|$)/.test(databaseUrl) && !process.env.E2E_ALLOW_ANY_DATABASE) {
    throw new Error(`refusing to seed ${databaseUrl}: e2e only writes to a database named alchemist_e2e`);
  }
  await applyMigrations({ databaseUrl });
  const prisma = createPrismaClient(databaseUrl);
  try {
    await seedDemo(prisma);
  } finally {
    await prisma.$disconnect();
  }
}
