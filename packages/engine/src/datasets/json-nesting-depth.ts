/**
 * The deepest nesting of `[`/`{` in JSON text, ignoring brackets inside strings. Measured before
 * `JSON.parse` so a hostile line of a million `[` is refused in one linear pass, before anything
 * recursive (parsing, copying, storing as jsonb) sees it.
 *
 * @example
 * jsonNestingDepth('{"a": [1, {"b": "[[["}]}'); // 3
 */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}
