import "server-only";
import { open } from "node:fs/promises";

/**
 * What a stored `.json` upload is: a Label Studio export when its first character (after a BOM
 * and blanks) is `[`, a JSON list of tasks; otherwise JSON Lines. Other names are JSON Lines.
 *
 * @example
 * await sniffJsonUpload("/tmp/uploads/<uuid>.jsonl", "project-3-at-2026-12-05.json"); // "label-studio"
 */
export async function sniffJsonUpload(path: string, fileName: string): Promise<"label-studio" | "jsonl"> {
  if (!/\.json$/i.test(fileName.trim())) return "jsonl";
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer
      .subarray(0, bytesRead)
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trimStart()
      .startsWith("[")
      ? "label-studio"
      : "jsonl";
  } finally {
    await handle.close();
  }
}
