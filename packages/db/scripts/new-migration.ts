import { createMigration } from "../src/migrate";
import { readDbEnv } from "../src/env";

/** `npm run migration:new -w @alchemist/db -- NAME`: writes the SQL for schema changes since the last migration. */
const name = process.argv[2];
if (!name) {
  console.error("usage: tsx scripts/new-migration.ts NAME   (NAME: [a-z0-9_], e.g. add_labels)");
  process.exit(2);
}
const { DATABASE_URL } = readDbEnv();
const result = await createMigration({ name, databaseUrl: DATABASE_URL });
console.log(result ? `wrote ${result.dir}/migration.sql` : "schema.prisma has no changes since the last migration");
