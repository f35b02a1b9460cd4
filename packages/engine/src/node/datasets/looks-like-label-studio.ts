import { open } from "node:fs/promises";
import { extname } from "node:path";

/**
 * Whether a `.json` file is a Label Studio export rather than JSON Lines: its first character
 * (after a BOM and blanks) is `[`, a JSON list of tasks. Unreadable files answer false and fail
 * later in the reader that names the cause.
 *
 * @example
 * await looksLikeLabelStudio("project-1-at-2026-12-05.json"); // true
 */
export async function looksLikeLabelStudio(path: string): Promise<boolean> {
  if (extname(path).toLowerCase() !== ".json") return false;
  let handle;
  try {
    handle = await open(path, "r");
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer
      .subarray(0, bytesRead)
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trimStart()
      .startsWith("[");
  } catch {
    return false;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
