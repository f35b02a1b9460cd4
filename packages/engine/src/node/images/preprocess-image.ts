import sharp from "sharp";
import { EngineError } from "../../errors/engine-error";
import type { ClipConfig } from "../../images/parse-clip-config";

type Preprocessing = Pick<ClipConfig, "imageSize" | "resizeTo" | "mean" | "std">;

/**
 * CLIP preprocessing with sharp: shortest side resized to `resizeTo` (bicubic), center crop
 * `imageSize` x `imageSize`, RGB (alpha dropped, grey expanded, first frame of animations),
 * scaled to [0, 1], normalised with `mean`/`std`, written CHW into `out` at `offset`.
 * Unreadable or undecodable files are DATASET_READ errors naming the file. With `bytes`, those
 * are decoded and `file` only names them in errors.
 *
 * @example
 * const pixels = new Float32Array(3 * 224 * 224);
 * await preprocessImage("cat.jpg", config, pixels, 0);
 */
export async function preprocessImage(file: string, config: Preprocessing, out: Float32Array, offset = 0, bytes?: Uint8Array): Promise<void> {
  const { imageSize: size, resizeTo, mean, std } = config;
  if (out.length < offset + 3 * size * size) {
    throw new EngineError("INVALID_ARGUMENT", `preprocessImage: output has ${out.length} floats, needs ${offset + 3 * size * size}`);
  }
  let data: Buffer;
  try {
    const image = sharp(bytes ?? file);
    const meta = await image.metadata();
    const [w, h] = [meta.width, meta.height];
    if (!w || !h) throw new Error("image has no size");
    // torchvision Resize(int): the short side becomes resizeTo, the long side int(resizeTo * long / short).
    const width = w <= h ? resizeTo : Math.floor((resizeTo * w) / h);
    const height = h <= w ? resizeTo : Math.floor((resizeTo * h) / w);
    // torchvision CenterCrop rounds the offsets.
    const left = Math.round((width - size) / 2);
    const top = Math.round((height - size) / 2);
    const result = await image
      .resize({ width, height, fit: "fill", kernel: "cubic" })
      .extract({ left, top, width: size, height: size })
      .removeAlpha()
      .toColourspace("srgb")
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (result.info.channels !== 3) throw new Error(`expected 3 channels after conversion, got ${result.info.channels}`);
    data = result.data;
  } catch (error) {
    if (error instanceof EngineError) throw error;
    throw new EngineError("DATASET_READ", `${file}: cannot read image (${(error as Error).message})`, { file });
  }
  const plane = size * size;
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < 3; c++) out[offset + c * plane + p] = (data[p * 3 + c]! / 255 - mean[c]!) / std[c]!;
  }
}
