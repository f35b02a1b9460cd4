export type Delimiter = "," | "\t" | ";" | "|";

const CANDIDATES: readonly Delimiter[] = [",", "\t", ";", "|"];
const MAX_RECORDS = 200;

/** Delimiter counts per record, honouring quotes that open a field; lenient about stray quotes. */
function countsPerRecord(sample: string, delimiter: Delimiter): number[] {
  const counts: number[] = [];
  let count = 0;
  let inQuotes = false;
  let fieldStart = true;
  for (let i = 0; i < sample.length && counts.length < MAX_RECORDS; i++) {
    const ch = sample[i];
    if (inQuotes) {
      if (ch === '"') {
        if (sample[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (ch === '"' && fieldStart) {
      inQuotes = true;
      fieldStart = false;
    } else if (ch === delimiter) {
      count++;
      fieldStart = true;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && sample[i + 1] === "\n") i++;
      counts.push(count);
      count = 0;
      fieldStart = true;
    } else {
      fieldStart = false;
    }
  }
  // A sample cut mid-record (the caller reads a prefix) leaves a partial last record: only keep it
  // when it is the only one.
  if (counts.length === 0 && (count > 0 || sample.length > 0)) counts.push(count);
  return counts;
}

/**
 * Guesses the delimiter of a delimited text sample (the start of a file): the candidate that
 * appears the same non-zero number of times on most records wins; ties go to the larger count,
 * then to the order `,` tab `;` `|`. Falls back to `,`.
 *
 * @example
 * detectDelimiter("label\ttext\nham\thi, there\n"); // "\t"
 */
export function detectDelimiter(sample: string): Delimiter {
  const text = sample.charCodeAt(0) === 0xfeff ? sample.slice(1) : sample;
  let best: Delimiter = ",";
  let bestScore = 0;
  let bestCount = 0;
  for (const delimiter of CANDIDATES) {
    const counts = countsPerRecord(text, delimiter);
    const frequency = new Map<number, number>();
    for (const c of counts) if (c > 0) frequency.set(c, (frequency.get(c) ?? 0) + 1);
    for (const [count, times] of frequency) {
      const score = times / counts.length;
      if (score > bestScore + 1e-12 || (Math.abs(score - bestScore) <= 1e-12 && count > bestCount)) {
        best = delimiter;
        bestScore = score;
        bestCount = count;
      }
    }
  }
  return best;
}
