import { EngineError } from "../errors/engine-error";
import { jsonNestingDepth } from "./json-nesting-depth";
import type { SourceRecord } from "./map-records";
import type { RecordParser } from "./record-parser";
import type { ReadingLimits } from "./reading-limits";
import { TextWindow } from "./text-window";

/** True when `line` has more than `limit` `{`/`[` characters: only then can it nest past `limit`. */
function mayNestPast(line: string, limit: number): boolean {
  let openers = 0;
  for (let at = line.indexOf("{"); at !== -1; at = line.indexOf("{", at + 1)) if (++openers > limit) return true;
  for (let at = line.indexOf("["); at !== -1; at = line.indexOf("[", at + 1)) if (++openers > limit) return true;
  return false;
}

/**
 * Parses JSON Lines text: one JSON object per line, blank lines skipped, `\r\n` accepted. A line
 * longer than `maxFieldChars` fails as soon as that many characters are buffered; a line that
 * nests deeper than `maxJsonDepth` fails before `JSON.parse` sees it (the depth is only scanned
 * for lines with more `{`/`[` than the limit, which no ordinary record has); an object with more
 * than `maxColumns` keys fails. Errors are DATASET_PARSE naming `source` and the line.
 *
 * @example
 * const parser = new JsonlRecordParser("data.jsonl", DEFAULT_READING_LIMITS);
 * parser.feed('{"text": "hi"}\n');
 * const out: SourceRecord[] = [];
 * parser.take(out, 100, true); // out: [{ line: 1, values: { text: "hi" } }]
 */
export class JsonlRecordParser extends TextWindow implements RecordParser {
  records = 0;
  private line = 0;

  constructor(
    private readonly source: string,
    private readonly limits: ReadingLimits,
  ) {
    super();
  }

  take(out: SourceRecord[], max: number, final: boolean): boolean {
    const { maxFieldChars } = this.limits;
    while (out.length < max) {
      this.settle();
      const { text } = this;
      const start = this.pos;
      let end = text.indexOf("\n", start);
      if (end === -1) {
        if (text.length - start > maxFieldChars) throw this.tooLong(this.line + 1);
        if (!final || start >= text.length) break;
        end = text.length;
      }
      this.line++;
      this.pos = end + 1;
      if (end - start > maxFieldChars) throw this.tooLong(this.line);
      const values = this.parseLine(text.slice(start, end));
      if (values === undefined) continue;
      this.records++;
      out.push({ line: this.line, values });
    }
    return out.length >= max;
  }

  private parseLine(raw: string): Record<string, unknown> | undefined {
    const { source, line } = this;
    const { maxJsonDepth, maxColumns } = this.limits;
    // Most lines are exactly `{...}`: trimming them would only copy.
    const text = raw.charCodeAt(0) === 0x7b && raw.charCodeAt(raw.length - 1) === 0x7d ? raw : raw.trim();
    if (text === "") return undefined;
    if (mayNestPast(text, maxJsonDepth)) {
      const depth = jsonNestingDepth(text);
      if (depth > maxJsonDepth)
        throw new EngineError("DATASET_PARSE", `${source} line ${line}: JSON nested ${depth} levels deep; the limit is ${maxJsonDepth}`, {
          file: source,
          line,
        });
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new EngineError("DATASET_PARSE", `${source} line ${line}: not valid JSON: ${(error as Error).message}`, { file: source, line });
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      const kind = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
      throw new EngineError("DATASET_PARSE", `${source} line ${line}: expected a JSON object, got ${kind}`, { file: source, line });
    }
    // Every key takes at least 4 characters (`"":0`), so a short line cannot have too many.
    if (text.length > 4 * maxColumns) {
      const keys = Object.keys(value).length;
      if (keys > maxColumns)
        throw new EngineError("DATASET_PARSE", `${source} line ${line}: the object has ${keys} keys; the limit is ${maxColumns}`, { file: source, line });
    }
    return value as Record<string, unknown>;
  }

  private tooLong(line: number): EngineError {
    const { source } = this;
    const max = this.limits.maxFieldChars;
    return new EngineError(
      "DATASET_PARSE",
      `${source} line ${line}: the line is longer than the limit of ${max} characters (a binary file, or raise the field size limit)`,
      { file: source, line },
    );
  }
}
