const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", "#39": "'" };

function htmlUnescape(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+|#39);/gi, (whole, body: string) => {
    const lower = body.toLowerCase();
    if (lower.startsWith("#x")) return codePoint(Number.parseInt(lower.slice(2), 16), whole);
    if (lower.startsWith("#")) return codePoint(Number.parseInt(lower.slice(1), 10), whole);
    return NAMED[lower] ?? whole;
  });
}

function codePoint(value: number, fallback: string): string {
  return Number.isFinite(value) && value > 0 && value <= 0x10ffff ? String.fromCodePoint(value) : fallback;
}

/**
 * CLIP's text cleanup: `whitespace_clean(basic_clean(text)).lower()`. Of ftfy's repairs it keeps
 * what matters for typed prompts (NFC normalisation, curly quotes to straight ones, HTML entities
 * unescaped twice as CLIP does); mojibake repair is out of scope. Whitespace runs become one space.
 *
 * @example
 * cleanClipText("  A &amp;amp; B\n\tC "); // "a & b c"
 */
export function cleanClipText(text: string): string {
  const fixed = text
    .normalize("NFC")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"');
  return htmlUnescape(htmlUnescape(fixed)).trim().replace(/\s+/gu, " ").trim().toLowerCase();
}
