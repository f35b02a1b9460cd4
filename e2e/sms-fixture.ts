import { writeFile } from "node:fs/promises";
import { createDatasetWithRows, createOwnedProject, createTask, type PrismaClient } from "@alchemist/db";
import { DEMO_LOGIN } from "./auth-state";

const SPAM = [
  "Win a free cruise, reply YES",
  "FREE entry in our weekly draw",
  "You won a prize, call now",
  "Claim your free ringtone today",
  "Winner! Collect your cash reward",
];
const HAM = [
  "Are we still on for lunch?",
  "Call mom when you land",
  "See you at the game tonight",
  "Lunch at noon works for me",
  "Running late, start without me",
];

/** One row of the journey's CSV. */
export interface FixtureRow {
  readonly id: string;
  readonly text: string;
  readonly label: "ham" | "spam";
  readonly split: "train" | "dev" | "test";
}

/**
 * 40 deterministic SMS-like rows (24 train, 8 dev, 8 test), half spam, written as a CSV with a
 * header and one quoted field containing a comma.
 *
 * @example
 * const rows = await writeSmsFixture(testInfo.outputPath("sms.csv"));
 */
export async function writeSmsFixture(path: string): Promise<FixtureRow[]> {
  const rows: FixtureRow[] = Array.from({ length: 40 }, (_, i) => {
    const spam = i % 2 === 1;
    const text = `${(spam ? SPAM : HAM)[Math.floor(i / 2) % 5]} #${i}`;
    const slot = i % 10;
    return { id: `m${String(i).padStart(2, "0")}`, text, label: spam ? "spam" : "ham", split: slot < 6 ? "train" : slot < 8 ? "dev" : "test" };
  });
  const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = ["id,text,label,split", ...rows.map((r) => [r.id, r.text, r.label, r.split].map(quote).join(","))];
  await writeFile(path, `${lines.join("\n")}\n`);
  return rows;
}

/**
 * A project owned by the demo user with the "SMS spam" task (ham, spam) in `language`, written
 * straight to the e2e database, for specs that start on a ready project.
 *
 * @example
 * const { projectId } = await createSmsTaskProject(prisma, `Sweep e2e ${Date.now()}`, "javascript");
 */
export async function createSmsTaskProject(db: PrismaClient, name: string, language: "python" | "javascript"): Promise<{ projectId: string; userId: string }> {
  const user = await db.user.findUniqueOrThrow({ where: { email: DEMO_LOGIN.email } });
  const project = await createOwnedProject(db, user.id, { name });
  await createTask(db, project.id, {
    name: "SMS spam",
    description: "Label SMS text messages as spam or ham.",
    input: "text",
    language,
    functionName: "label_function",
    classes: [
      { name: "ham", description: "personal" },
      { name: "spam", description: "advertising" },
    ],
  });
  return { projectId: project.id, userId: user.id };
}

/**
 * createSmsTaskProject with the Python task and `rows` as its "sms" dataset (spam = class 1).
 *
 * @example
 * const { projectId, userId } = await seedSmsProject(db, `Editor ${Date.now()}`, rows);
 */
export async function seedSmsProject(db: PrismaClient, name: string, rows: readonly FixtureRow[]): Promise<{ projectId: string; userId: string }> {
  const seeded = await createSmsTaskProject(db, name, "python");
  await createDatasetWithRows(db, {
    projectId: seeded.projectId,
    name: "sms",
    rows: rows.map((r) => ({ id: r.id, fields: { text: r.text }, split: r.split, gold: r.label === "spam" ? 1 : 0 })),
  });
  return seeded;
}
