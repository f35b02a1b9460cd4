/**
 * Where UTF-8 validation of `bytes` fails: the index of the first byte that starts no valid
 * sequence (overlong forms, surrogates and code points above U+10FFFF are invalid), or -1.
 * A sequence cut off by the end of `bytes` is not an error when `final` is false (streaming).
 *
 * @example
 * findInvalidUtf8(Buffer.from([0x61, 0xe9, 0x62])); // 1 (a latin-1 "é" in UTF-8 text)
 */
export function findInvalidUtf8(bytes: Uint8Array, final = true): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= n) {
      // Cut off by the chunk end: valid so far means "wait for more" unless the input ends here.
      for (let j = i + 1; j < n; j++) if ((bytes[j]! & 0xc0) !== 0x80) return i;
      return final ? i : -1;
    }
    let cp = b & (0x3f >> need);
    for (let j = 1; j <= need; j++) {
      const c = bytes[i + j]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
