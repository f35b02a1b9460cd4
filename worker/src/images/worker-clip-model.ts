import { loadClipModel, type ClipModel } from "@alchemist/engine/node";
import { DomainError } from "@alchemist/db";

const loaded = new Map<string, Promise<ClipModel>>();

/**
 * The worker's CLIP model (CLIP_MODEL_DIR), loaded once per process and folder; a missing setting
 * or a folder that fails `loadClipModel`'s layout checks is an error the job shows as is.
 *
 * @example
 * const clip = await workerClipModel(deps.clipModelDir);
 */
export function workerClipModel(dir: string | undefined): Promise<ClipModel> {
  if (!dir)
    return Promise.reject(
      new DomainError(
        "INVALID",
        "image datasets need a CLIP model: set the worker's CLIP_MODEL_DIR to a CLIP model folder (see packages/engine/src/node/images/README.md) and restart it",
      ),
    );
  let model = loaded.get(dir);
  if (!model) {
    model = loadClipModel(dir);
    // A failed load is not cached: fixing the folder and retrying the job works without a restart.
    model.catch(() => loaded.delete(dir));
    loaded.set(dir, model);
  }
  return model;
}
