import { EngineError } from "../errors/engine-error";

/**
 * Text encodings a dataset file may be read as. `auto` is UTF-8, or UTF-16 when a BOM says so;
 * `utf-16` is UTF-16 with its byte order from the BOM, else guessed from where the NUL bytes of
 * ASCII characters fall; `latin1` is Windows-1252 (the superset of ISO-8859-1 every browser uses).
 */
export type TextEncoding = "auto" | "utf-8" | "utf-16" | "utf-16le" | "utf-16be" | "latin1";

const NAMES: Readonly<Record<string, TextEncoding>> = {
  auto: "auto",
  "utf-8": "utf-8",
  utf8: "utf-8",
  "utf-16": "utf-16",
  utf16: "utf-16",
  "utf-16le": "utf-16le",
  "utf-16be": "utf-16be",
  "latin-1": "latin1",
  latin1: "latin1",
  "iso-8859-1": "latin1",
  "iso8859-1": "latin1",
  "windows-1252": "latin1",
  cp1252: "latin1",
};

/**
 * Reads an encoding name as users write it (`utf-8`, `latin-1`, `iso-8859-1`, `cp1252`,
 * `utf-16`, `auto`; case-insensitive). Unknown names fail naming the accepted ones.
 *
 * @example
 * parseTextEncoding("Latin-1"); // "latin1"
 */
export function parseTextEncoding(name: string, source = "--encoding"): TextEncoding {
  const encoding = NAMES[name.trim().toLowerCase()];
  if (encoding === undefined)
    throw new EngineError("INVALID_ARGUMENT", `${source}: unknown encoding ${JSON.stringify(name)}; use utf-8, latin-1, utf-16 or auto`);
  return encoding;
}
