const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Lines that are base64 payloads or MIME boundaries carry no readable words. */
function readableLine(line: string): boolean {
  const trimmed = line.trim();
  if (/^[A-Za-z0-9+/=]{60,}$/.test(trimmed)) return false;
  if (/^--[-=_A-Za-z0-9.]{10,}$/.test(trimmed)) return false;
  return !/^content-(type|transfer-encoding|disposition):/i.test(trimmed);
}

/**
 * Readable text of a raw RFC 822 message: the Subject line, a blank line, then the body with
 * HTML tags removed, common entities and quoted-printable soft breaks decoded, base64 lines and
 * MIME part headers dropped, and whitespace collapsed. Routing headers are dropped because they
 * identify the corpus' mailing lists rather than the content.
 *
 * @example
 * emailText("From: a@b\nSubject: Win cash\n\n<p>Click here</p>"); // "Win cash\n\nClick here"
 */
export function emailText(raw: string): string {
  const normalized = raw.replace(/\r\n/g, "\n");
  const split = normalized.search(/\n\s*\n/);
  const headers = split < 0 ? normalized : normalized.slice(0, split);
  const body = split < 0 ? "" : normalized.slice(split);
  const subject = /^subject:[ \t]*(.*(?:\n[ \t].*)*)/im.exec(headers)?.[1]?.replace(/\s+/g, " ").trim() ?? "";
  const text = body
    .replace(/=\n/g, "")
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#\d+|[a-z]+);/gi, (whole, name: string) =>
      name.startsWith("#") ? String.fromCodePoint(Number(name.slice(1)) % 0x110000) : (ENTITIES[name.toLowerCase()] ?? whole),
    )
    .split("\n")
    .filter(readableLine)
    .map((line) => line.replace(/[ \t]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return `${subject}\n\n${text}`;
}
