import type { ImproveReportParts } from "./improve-for-run";

const num = (x: number | null | undefined): string => (x === null || x === undefined ? "-" : x.toFixed(3));
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]): string => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];
}

/**
 * The human lines for rounds, de-duplication, pruning and LLM votes (empty when none ran).
 *
 * @example
 * process.stdout.write(formatImproveReport(parts));
 */
export function formatImproveReport(p: ImproveReportParts): string {
  const lines: string[] = [];
  if (p.rounds) {
    lines.push(
      "",
      ...table(
        ["round", "kept", "aimed at", "+programs", "programs", "coverage", "dev F1", "calls", "cost"],
        p.rounds.map((r) => [
          String(r.round),
          r.kept ? "yes" : "no",
          r.focus
            ? `${r.focus.uncovered} uncovered, ${r.focus.devErrors} dev errors${r.focus.weakClasses.length ? `, weak ${r.focus.weakClasses.join("/")}` : ""}`
            : "first round",
          String(r.programsAdded),
          String(r.programs),
          pct(r.coverage),
          num(r.devF1),
          String(r.calls),
          `$${r.costUsd.toFixed(4)}`,
        ]),
      ),
    );
    const last = p.rounds.at(-1)!;
    if (last.stoppedBy) lines.push(`rounds stopped after round ${last.round}: ${last.stoppedBy}`);
  }
  if (p.dedupe && p.dedupe.merged.length > 0)
    lines.push(
      `merged ${p.dedupe.merged.length} near-duplicate program(s) (votes agree on >= ${pct(p.dedupe.agreement)} of train rows): ${p.dedupe.merged.map((m) => `${m.dropped} -> ${m.kept}`).join(", ")}`,
    );
  if (p.pruning) {
    if (p.pruning.flags.length === 0) lines.push(`pruning (${p.pruning.labelModel}): no program below chance or hurting the dev metric`);
    for (const f of p.pruning.flags) lines.push(`${f.disabled ? "pruned " : "flagged"} ${f.program}: ${f.detail}${f.disabled ? "" : " (--prune disables it)"}`);
  }
  if (p.llmVotes) {
    const v = p.llmVotes;
    lines.push(
      "",
      `LLM votes: ${v.rows} rows in ${v.calls} calls (${v.batchSize} per call, ${v.cachedCalls} cached), $${v.costUsd.toFixed(4)}, ${v.unparsed} unparsed, dev accuracy ${num(v.devAccuracy)}${v.stoppedBy ? `, stopped by the ${v.stoppedBy}` : ""}`,
    );
    lines.push(
      ...table(
        ["sources", "label model", "coverage", "dev F1", "test acc", "test F1", "cost"],
        [
          [
            "programs only",
            v.programsOnly.labelModel,
            pct(v.programsOnly.coverage),
            num(v.programsOnly.dev.f1),
            num(v.programsOnly.test.accuracy),
            num(v.programsOnly.test.f1),
            `$${v.programsOnly.costUsd.toFixed(4)}`,
          ],
          [
            "programs + LLM votes",
            v.programsPlusLlmVotes.labelModel,
            pct(v.programsPlusLlmVotes.coverage),
            num(v.programsPlusLlmVotes.dev.f1),
            num(v.programsPlusLlmVotes.test.accuracy),
            num(v.programsPlusLlmVotes.test.f1),
            `$${v.programsPlusLlmVotes.costUsd.toFixed(4)}`,
          ],
          [
            "zero-shot alone",
            "-",
            `${pct(v.zeroShotAlone.testCoverage)} of test`,
            "-",
            num(v.zeroShotAlone.test.accuracy),
            num(v.zeroShotAlone.test.f1),
            `$${v.zeroShotAlone.costUsd.toFixed(4)}`,
          ],
        ],
      ),
    );
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
}
