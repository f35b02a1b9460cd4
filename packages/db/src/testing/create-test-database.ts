import { randomBytes } from "node:crypto";
import { createPrismaClient, type PrismaClient } from "../client";
import { applyMigrations, dropDatabase } from "../migrate";

export interface TestDatabase {
  readonly url: string;
  readonly prisma: PrismaClient;
  /** Disconnects and drops the database. */
  drop(): Promise<void>;
}

/**
 * A brand-new migrated database `alchemist_test_<random>` on the server of TEST_DATABASE_URL
 * (default postgresql://root@127.0.0.1:5432/postgres), for one test file.
 *
 * @example
 * let db: TestDatabase;
 * beforeAll(async () => { db = await createTestDatabase(); });
 * afterAll(() => db.drop());
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = new URL(process.env.TEST_DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/postgres");
  admin.pathname = `/alchemist_test_${randomBytes(6).toString("hex")}`;
  const url = admin.toString();
  await applyMigrations({ databaseUrl: url });
  const prisma = createPrismaClient(url);
  return {
    url,
    prisma,
    async drop() {
      await prisma.$disconnect();
      await dropDatabase(url);
    },
  };
}
