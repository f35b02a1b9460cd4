const TEXTS = [
  "free prize now",
  "see you at lunch",
  "win a free phone",
  "call me later",
  "claim your prize",
  "meeting at noon",
  "free entry win",
  "lunch is ready",
];

/**
 * Test rows of the generation tests: 48 short messages, spam (free/prize/win/claim, gold 1) and ham
 * (lunch/call/meeting, gold 0) alternating, in blocks of 8 rows per split (train, train, dev, test,
 * train, dev), every row with gold.
 *
 * @example
 * await createDatasetWithRows(prisma, { projectId, name: "sms", rows: spamHamRows() });
 */
export function spamHamRows() {
  return Array.from({ length: 48 }, (_, i) => {
    const text = `${TEXTS[i % TEXTS.length]} #${i}`;
    return {
      id: `r${i}`,
      fields: { text },
      split: (["train", "train", "dev", "test", "train", "dev"] as const)[Math.floor(i / 8)]!,
      gold: /free|prize|win|claim/.test(text) ? 1 : 0,
    };
  });
}

/**
 * An LLM's answer holding a JavaScript labeling program: `body` runs on the lower-cased text `t`
 * and the program abstains when it does not return.
 *
 * @example
 * const SPAM = jsProgramReply("  if (t.includes('free')) return 1;");
 */
export function jsProgramReply(body: string): string {
  return `\`\`\`javascript\nfunction label_function(text) {\n  const t = String(text).toLowerCase();\n${body}\n  return -1;\n}\n\`\`\``;
}
