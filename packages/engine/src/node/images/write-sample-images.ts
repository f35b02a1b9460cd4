import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import sharp, { type Sharp } from "sharp";

interface Rgba {
  r: number;
  g: number;
  b: number;
  alpha?: number;
}

/** Width of the horizontal gradient fixture; its red channel at column x is `x % 256`. */
export const GRADIENT_WIDTH = 448;

/**
 * Writes sample images into `dir` (tests, and trying `alchemist concepts` with the tiny model): solid red PNG (300x200), solid blue JPEG (200x300), a 448x224
 * red gradient PNG, a grey PNG (one channel) and a half-transparent green RGBA PNG in `sub/`.
 *
 * @example
 * await writeSampleImages("/tmp/imgs"); // ["blue.jpg", "gradient.png", "grey.png", "red.png", "sub/green.png"]
 */
export async function writeSampleImages(dir: string): Promise<string[]> {
  await mkdir(join(dir, "sub"), { recursive: true });
  const solid = (width: number, height: number, channels: 3 | 4, background: Rgba): Sharp => sharp({ create: { width, height, channels, background } });
  const gradient = Buffer.alloc(GRADIENT_WIDTH * 224 * 3);
  for (let y = 0; y < 224; y++) for (let x = 0; x < GRADIENT_WIDTH; x++) gradient[(y * GRADIENT_WIDTH + x) * 3] = x % 256;
  await solid(300, 200, 3, { r: 255, g: 0, b: 0 }).png().toFile(join(dir, "red.png"));
  await solid(200, 300, 3, { r: 0, g: 0, b: 255 }).jpeg({ quality: 95 }).toFile(join(dir, "blue.jpg"));
  await sharp(gradient, { raw: { width: GRADIENT_WIDTH, height: 224, channels: 3 } })
    .png()
    .toFile(join(dir, "gradient.png"));
  await sharp(Buffer.alloc(64 * 64, 128), { raw: { width: 64, height: 64, channels: 1 } })
    .png()
    .toFile(join(dir, "grey.png"));
  await solid(240, 240, 4, { r: 0, g: 255, b: 0, alpha: 0.5 })
    .png()
    .toFile(join(dir, "sub", "green.png"));
  return ["blue.jpg", "gradient.png", "grey.png", "red.png", "sub/green.png"];
}
