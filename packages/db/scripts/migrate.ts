import { applyMigrations } from "../src/migrate";
import { readDbEnv } from "../src/env";

/** `npm run db:migrate`: creates the database if needed and applies pending migrations. */
const { DATABASE_URL } = readDbEnv();
const { created, applied } = await applyMigrations({ databaseUrl: DATABASE_URL });
const where = new URL(DATABASE_URL).pathname.slice(1);
if (created) console.log(`created database ${where}`);
console.log(applied.length ? `applied ${applied.length} migration(s) to ${where}: ${applied.join(", ")}` : `${where} is up to date`);
