import { extname } from "node:path";
import { openSafeZip } from "../datasets/safe-zip";
import { IMAGE_ZIP_LIMITS } from "./extract-image-zip";
import { IMAGE_EXTENSIONS } from "./list-images";

/**
 * Whether a zip holds an image dataset rather than a WRENCH folder: it has pictures and no
 * WRENCH `train.json`. Reads the central directory only (with the image zip's guards).
 *
 * @example
 * (await isImageZip("upload.zip", "shapes.zip")) ? readImageDataset(...) : extractWrenchZip(...);
 */
export async function isImageZip(path: string, source: string): Promise<boolean> {
  const zip = await openSafeZip(path, { source, limits: IMAGE_ZIP_LIMITS, nestedHint: "zip the image folder itself, once" });
  try {
    const names = zip.entries.map((entry) => entry.fileName);
    const wrench = names.some((name) => /(^|\/)train\.json$/i.test(name));
    return !wrench && names.some((name) => !name.startsWith("__MACOSX/") && IMAGE_EXTENSIONS.includes(extname(name).toLowerCase()));
  } finally {
    zip.close();
  }
}
