/**
 * GPT-2/CLIP byte-to-character table: printable Latin-1 bytes map to themselves, the other 68
 * bytes to U+0100.. in byte order, so every byte has a visible, whitespace-free character and
 * BPE never sees raw control bytes. The order of the returned array is the order of CLIP's base
 * vocabulary (ids 0..255), which is why it is a list and not just a map.
 *
 * @example
 * const table = bytesToUnicode();
 * table[0]; // [33, "!"]
 * new Map(table).get(32); // "Ġ"
 */
export function bytesToUnicode(): Array<[number, string]> {
  const bs: number[] = [];
  for (const [from, to] of [
    [0x21, 0x7e],
    [0xa1, 0xac],
    [0xae, 0xff],
  ] as const) {
    for (let b = from; b <= to; b++) bs.push(b);
  }
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n);
      n++;
    }
  }
  return bs.map((b, i) => [b, String.fromCodePoint(cs[i]!)]);
}
