import sharp from "sharp";
import { EngineError } from "../../errors/engine-error";

const MIME: Record<string, string> = {
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  tiff: "image/tiff",
  avif: "image/avif",
  heif: "image/avif",
};

/**
 * A square WebP thumbnail of a picture (cover-cropped to `side` pixels) and the original's MIME
 * type, so pages show small previews and serve the original with the right type. Unreadable bytes
 * are DATASET_READ naming `source`.
 *
 * @example
 * const { thumbnail, mime } = await imageThumbnail(bytes, "images/circle/0001.png"); // mime "image/png"
 */
export async function imageThumbnail(bytes: Uint8Array, source: string, side = 128): Promise<{ thumbnail: Uint8Array; mime: string }> {
  try {
    const image = sharp(bytes);
    const { format } = await image.metadata();
    const thumbnail = await image.rotate().resize(side, side, { fit: "cover" }).webp({ quality: 80 }).toBuffer();
    return { thumbnail: new Uint8Array(thumbnail), mime: MIME[format ?? ""] ?? "application/octet-stream" };
  } catch (error) {
    throw new EngineError("DATASET_READ", `${source}: cannot read image (${(error as Error).message})`, { file: source });
  }
}
