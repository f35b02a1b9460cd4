/** RoboShot insights as the concepts editor holds them (the engine's RoboShotInsights, mutable for forms). */
export interface InsightLists {
  harmful: string[][];
  helpful: string[][];
}

const LINE = /^(harmful|helpful)\s*:\s*(.+)$/i;

/**
 * RoboShot insights as typed in a textarea, one per line: `harmful: blue water | green grass`
 * (a pair: the direction from the second to the first, projected out) or `helpful: a round circle`
 * (boosted); blank lines and `#` comments are skipped. A line of another shape is an error that
 * names it, so nothing half-understood is saved.
 *
 * @example
 * parseInsightLines("harmful: blue water | green grass"); // { ok: true, insights: { harmful: [["blue water", "green grass"]], helpful: [] } }
 */
export function parseInsightLines(text: string): { ok: true; insights: InsightLists } | { ok: false; error: string } {
  const insights: InsightLists = { harmful: [], helpful: [] };
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = LINE.exec(line);
    const texts = match ? match[2]!.split("|").map((t) => t.trim()) : [];
    if (!match || texts.length > 2 || texts.some((t) => t === "")) {
      return {
        ok: false,
        error: `insights line ${i + 1} ("${line.slice(0, 60)}"): write "harmful: <text> | <contrasting text>" or "helpful: <text>", one insight per line`,
      };
    }
    insights[match[1]!.toLowerCase() as "harmful" | "helpful"].push(texts);
  }
  return { ok: true, insights };
}

/**
 * The textarea form of stored insights (what `parseInsightLines` reads back).
 *
 * @example
 * insightLines({ harmful: [["blue water", "green grass"]], helpful: [] }); // "harmful: blue water | green grass"
 */
export function insightLines(insights: { readonly harmful: readonly (readonly string[])[]; readonly helpful: readonly (readonly string[])[] } | null): string {
  if (!insights) return "";
  return [...insights.harmful.map((e) => `harmful: ${e.join(" | ")}`), ...insights.helpful.map((e) => `helpful: ${e.join(" | ")}`)].join("\n");
}
