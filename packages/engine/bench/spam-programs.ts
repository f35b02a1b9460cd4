/** Ten realistic spam-labeling programs per language (keyword sets, regexes, length checks), same logic in both. */
export const PYTHON_SPAM_PROGRAMS: readonly string[] = [
  `import re
def label_function(text):
    return 1 if re.search(r"\\bfree\\b", text, re.I) else -1`,
  `KEYWORDS = {"prize", "winner", "won", "claim", "cash", "award"}
def label_function(text):
    words = set(text.lower().split())
    return 1 if words & KEYWORDS else -1`,
  `import re
PHONE = re.compile(r"\\b0\\d{9,10}\\b")
def label_function(text):
    return 1 if PHONE.search(text) else -1`,
  `def label_function(text):
    return 1 if len(text) > 140 else -1`,
  `def label_function(text):
    return 0 if len(text) < 40 else -1`,
  `import re
URL = re.compile(r"(https?://|www\\.)\\S+", re.I)
def label_function(text):
    return 1 if URL.search(text) else -1`,
  `def label_function(text):
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 10:
        return -1
    upper = sum(1 for c in letters if c.isupper())
    return 1 if upper / len(letters) > 0.4 else -1`,
  `import re
MONEY = re.compile(r"[£$]\\s?\\d+|\\d+\\s?(pounds|p/min|ppm)", re.I)
def label_function(text):
    return "spam" if MONEY.search(text) else -1`,
  `HAM_WORDS = ("i'll", "lol", "ok", "haha", "love you", "see you", "home")
def label_function(text):
    lower = text.lower()
    return "ham" if any(w in lower for w in HAM_WORDS) else -1`,
  `import re
SHORTCODE = re.compile(r"\\b(txt|text|reply|send)\\b.{0,20}\\b\\d{5}\\b", re.I)
def label_function(text):
    return 1 if SHORTCODE.search(text) else -1`,
];

export const JAVASCRIPT_SPAM_PROGRAMS: readonly string[] = [
  `function label_function(text) { return /\\bfree\\b/i.test(text) ? 1 : -1; }`,
  `const KEYWORDS = new Set(["prize", "winner", "won", "claim", "cash", "award"]);
function label_function(text) {
  for (const w of text.toLowerCase().split(/\\s+/)) if (KEYWORDS.has(w)) return 1;
  return -1;
}`,
  `const PHONE = /\\b0\\d{9,10}\\b/;
function label_function(text) { return PHONE.test(text) ? 1 : -1; }`,
  `function label_function(text) { return text.length > 140 ? 1 : -1; }`,
  `function label_function(text) { return text.length < 40 ? 0 : -1; }`,
  `const URL_RE = /(https?:\\/\\/|www\\.)\\S+/i;
function label_function(text) { return URL_RE.test(text) ? 1 : -1; }`,
  `function label_function(text) {
  let letters = 0, upper = 0;
  for (const c of text) {
    if (c.toLowerCase() !== c.toUpperCase()) { letters++; if (c === c.toUpperCase()) upper++; }
  }
  if (letters < 10) return -1;
  return upper / letters > 0.4 ? 1 : -1;
}`,
  `const MONEY = /[£$]\\s?\\d+|\\d+\\s?(pounds|p\\/min|ppm)/i;
function label_function(text) { return MONEY.test(text) ? "spam" : -1; }`,
  `const HAM_WORDS = ["i'll", "lol", "ok", "haha", "love you", "see you", "home"];
function label_function(text) {
  const lower = text.toLowerCase();
  return HAM_WORDS.some((w) => lower.includes(w)) ? "ham" : -1;
}`,
  `const SHORTCODE = /\\b(txt|text|reply|send)\\b.{0,20}\\b\\d{5}\\b/i;
function label_function(text) { return SHORTCODE.test(text) ? 1 : -1; }`,
];
