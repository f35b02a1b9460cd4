/**
 * Regex cue families. Every pattern is written so that Python's `re` and JavaScript's RegExp
 * agree on it: ASCII literals and explicit classes only (no `\d`, `\w`, `\s`, `\b`, `.`, `$`,
 * lookbehind), since those differ between the two engines on Unicode text. Non-ASCII
 * currency signs are written as `\uXXXX` escapes, which both engines read the same way.
 */
export interface RegexFamily {
  readonly id: string;
  readonly what: string;
  readonly pattern: string;
  /** `lower`: matched against the lower-cased text; `raw`: against the text as given. */
  readonly on: "lower" | "raw";
  /** Fires when the pattern matches at least this many times. */
  readonly minCount: number;
}

const NOT_ALNUM_AHEAD = "(?![a-z0-9])";

export const REGEX_FAMILIES: readonly RegexFamily[] = [
  { id: "money", what: "money amounts (currency sign followed by a number)", pattern: "[$\\u00a3\\u20ac][ ]?[0-9]", on: "lower", minCount: 1 },
  {
    id: "money_word",
    what: "amounts written with a currency word",
    pattern: "[0-9][0-9,.]*[ ]?(?:pounds|dollars|usd|gbp|euros?|k)" + NOT_ALNUM_AHEAD,
    on: "lower",
    minCount: 1,
  },
  { id: "long_number", what: "long digit runs (phone numbers, short codes)", pattern: "[0-9]{5,}", on: "lower", minCount: 1 },
  {
    id: "short_code",
    what: "'call/text/reply/send ... NNNN' instructions",
    pattern: "(?:call|text|txt|reply|send)(?: [a-z]+){0,2} (?:to |on )?[0-9]{4,}",
    on: "lower",
    minCount: 1,
  },
  { id: "url", what: "web addresses", pattern: "https?://|www[.]|[a-z0-9][.](?:com|net|org|biz|info|co[.]uk)" + NOT_ALNUM_AHEAD, on: "lower", minCount: 1 },
  { id: "all_caps", what: "two or more ALL-CAPS words", pattern: "[A-Z]{3,}", on: "raw", minCount: 2 },
  { id: "exclaim", what: "runs of exclamation marks", pattern: "!{2,}", on: "lower", minCount: 1 },
  { id: "percent", what: "percentages", pattern: "[0-9]+ ?%", on: "lower", minCount: 1 },
  { id: "html", what: "HTML markup", pattern: "<(?:html|body|table|font|td|br|a href|img)", on: "lower", minCount: 1 },
  { id: "email_addr", what: "e-mail addresses", pattern: "[a-z0-9._-]+@[a-z0-9-]+[.][a-z]", on: "lower", minCount: 1 },
  { id: "unsubscribe", what: "opt-out / unsubscribe instructions", pattern: "unsubscribe|opt[ -]?out|remove (?:me|you)|stop to", on: "lower", minCount: 1 },
  { id: "question", what: "questions", pattern: "[?]", on: "lower", minCount: 1 },
  { id: "ellipsis", what: "casual ellipses ('...')", pattern: "[.]{2,}", on: "lower", minCount: 1 },
];
