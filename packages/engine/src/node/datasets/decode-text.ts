import { TextBlockDecoder, type TextEncoding } from "./text-block-decoder";

export type { TextEncoding } from "./text-block-decoder";

/**
 * Decodes a file's byte chunks to text, refusing what is not text: known binary signatures
 * (PNG, zip, PDF, ...), NUL bytes, and bytes that are not valid UTF-8 (a latin-1 "é" in a UTF-8
 * file), each with the line and byte offset. A UTF-8 BOM is dropped; a UTF-16 BOM switches to
 * UTF-16; `encoding: "latin1"` reads legacy files as windows-1252 explicitly. The checks are
 * `TextBlockDecoder`'s; this is its async-iterable form.
 *
 * @example
 * for await (const text of decodeText(createReadStream("data.csv"), { source: "data.csv" })) parser.write(text);
 */
export async function* decodeText(chunks: AsyncIterable<Uint8Array>, options: { source: string; encoding?: TextEncoding }): AsyncGenerator<string> {
  const decoder = new TextBlockDecoder(options.source, options.encoding ?? "auto");
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk);
    if (text !== "") yield text;
  }
  const rest = decoder.end();
  if (rest !== "") yield rest;
}
