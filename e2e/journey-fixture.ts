import { writeFile } from "node:fs/promises";

// Spam and ham phrasings; some spam says "free"/"prize", some only "win"/"claim", some none of
// them, so a program that learns the extra words changes the coverage the analysis reports.
const SPAM = [
  "FREE entry in our weekly draw, text WIN to 80086",
  "Congratulations, you have been selected for a cash prize",
  "Claim your reward voucher before midnight",
  "You could win a brand new phone, reply now",
  "Free ringtone for every new subscriber this week",
  "URGENT: your account is due a refund, call 0800 now",
  "Winner! Your number was drawn in our lottery",
  "Get 50% off all insurance quotes today only",
];
const HAM = [
  "Are we still on for lunch tomorrow?",
  "Call mom when you land",
  "See you at the game tonight",
  "Running late, start dinner without me",
  "Can you pick up milk on the way home",
  "Happy birthday! Hope you have a lovely day",
  "Meeting moved to 3pm, same room",
  "Thanks for the lift this morning",
  "Did you finish the report for Monday",
];
const EXTRAS = ["", " :)", " x", " - sent from my phone", " pls", " ok?"];

/** One row of the journey's CSV. */
export interface JourneyRow {
  readonly id: string;
  readonly text: string;
  readonly label: "ham" | "spam";
  readonly split: "train" | "dev" | "test";
}

/**
 * A few hundred deterministic SMS-like rows (70% train, 15% dev, 15% test, about 40% spam, a
 * gold label on every row), written as a CSV with the columns `id,text,label,split`.
 *
 * @example
 * const rows = await writeJourneyCsv(path, 300);
 */
export async function writeJourneyCsv(path: string, count = 300): Promise<JourneyRow[]> {
  if (count < 40) throw new Error(`writeJourneyCsv needs at least 40 rows for every split to have both classes, got ${count}`);
  // A small LCG keeps the file identical between runs without Math.random.
  let seed = 20261122;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const rows: JourneyRow[] = Array.from({ length: count }, (_, i) => {
    const spam = next() < 0.4;
    const pool = spam ? SPAM : HAM;
    const text = `${pool[Math.floor(next() * pool.length)]}${EXTRAS[Math.floor(next() * EXTRAS.length)]} #${i}`;
    const slot = i % 20;
    return { id: `sms-${String(i).padStart(4, "0")}`, text, label: spam ? "spam" : "ham", split: slot < 14 ? "train" : slot < 17 ? "dev" : "test" };
  });
  const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = ["id,text,label,split", ...rows.map((r) => [r.id, r.text, r.label, r.split].map(quote).join(","))];
  await writeFile(path, `${lines.join("\n")}\n`);
  return rows;
}
