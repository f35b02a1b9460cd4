import type { SourceRecord } from "./map-records";

/**
 * A push parser from decoded text to records, fed block by block. `take` parses lazily, so a
 * reader holds one block of text plus the batch it is filling, whatever the file size.
 *
 * @example
 * parser.feed(block);
 * const batch: SourceRecord[] = [];
 * while (parser.take(batch, 5000, false)) send(batch.splice(0));
 */
export interface RecordParser {
  /** Appends the next block of decoded text. */
  feed(text: string): void;
  /**
   * Moves complete records into `out` until it holds `max`; with `final`, the text fed so far
   * is the whole file, so its last line counts even without a newline. True when `out` is full
   * (more records may be waiting), false when every complete record has been taken.
   */
  take(out: SourceRecord[], max: number, final: boolean): boolean;
  /** Records taken so far. */
  readonly records: number;
}
