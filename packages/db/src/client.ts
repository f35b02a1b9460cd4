import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { readDbEnv } from "./env";

export { PrismaClient };
/** The Prisma client type repositories take as their first argument. */
export type Db = PrismaClient;

/**
 * A Prisma client over `pg` (driver adapter, no native engine).
 *
 * @example
 * const prisma = createPrismaClient("postgresql://root@127.0.0.1:5432/alchemist");
 * await prisma.project.count();
 * await prisma.$disconnect();
 */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(`createPrismaClient needs a postgresql:// URL, got "${databaseUrl.slice(0, 40)}"`);
  }
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

const holder = globalThis as { __alchemistPrisma?: PrismaClient };

/**
 * The process-wide client for `DATABASE_URL`, created on first use (kept on globalThis so
 * Next.js hot reloads do not open a new pool each time).
 *
 * @example
 * const projects = await listProjects(getPrisma());
 */
export function getPrisma(): PrismaClient {
  holder.__alchemistPrisma ??= createPrismaClient(readDbEnv().DATABASE_URL);
  return holder.__alchemistPrisma;
}
