import { SourceDiff } from "./source-diff";

/**
 * Picks two versions (a plain GET form: `?from=1&to=3`) and shows their side-by-side diff.
 *
 * @example
 * <VersionCompare versions={[3, 2, 1]} pair={pair} shown={3} />
 */
export function VersionCompare({
  versions,
  pair,
  shown,
}: {
  versions: readonly number[];
  pair: { from: number; to: number; original: string; modified: string; language: "python" | "javascript" } | null;
  shown: number;
}) {
  if (versions.length < 2) return null;
  const from = pair?.from ?? versions[1]!;
  const to = pair?.to ?? versions[0]!;
  return (
    <section id="compare" aria-labelledby="compare-heading" className="space-y-3">
      <form method="get" action="#compare" data-testid="compare-form" className="flex flex-wrap items-end gap-3 text-sm">
        <h3 id="compare-heading" className="mr-2 self-center font-semibold">
          Compare versions
        </h3>
        <input type="hidden" name="version" value={shown} />
        <label className="flex items-center gap-1">
          <span>from</span>
          <select name="from" defaultValue={from} data-testid="compare-from" className="input">
            {versions.map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          <span>to</span>
          <select name="to" defaultValue={to} data-testid="compare-to" className="input">
            {versions.map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" data-testid="compare-submit" className="btn-secondary">
          Show diff
        </button>
      </form>
      {pair && <SourceDiff original={pair.original} modified={pair.modified} language={pair.language} labels={[`v${pair.from}`, `v${pair.to}`]} />}
    </section>
  );
}
