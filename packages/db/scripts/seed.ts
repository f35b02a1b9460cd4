import { createPrismaClient } from "../src/client";
import { readDbEnv } from "../src/env";
import { seedDemo } from "../src/testing/seed-demo";

/** `npm run seed -w @alchemist/db`: (re)creates the "SMS spam (demo)" project. Run `npm run db:migrate` first. */
const prisma = createPrismaClient(readDbEnv().DATABASE_URL);
try {
  const { projectId, runId } = await seedDemo(prisma);
  console.log(`seeded demo project ${projectId} (run ${runId})`);
} finally {
  await prisma.$disconnect();
}
