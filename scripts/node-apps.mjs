// The built CLI and worker (apps/cli/dist, worker/dist): what each app bundles, and the cheap
// staleness check their launchers run before every start. Plain JS with only node: imports, so
// the check costs a few ms; esbuild is loaded (scripts/build-node-apps.mjs) only to rebuild.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));

/**
 * Entry points per app (output name -> source, relative to the repository root). Everything is
 * written flat into `outdir` (entries and chunks side by side), so a `new URL("./x",
 * import.meta.url)` in any chunk means `outdir/x`: the worker threads below are entries for that
 * reason (the engine finds `./distill-thread.mjs` and `./label-model-thread.mjs`, worker/src `./review-order-thread.mjs`).
 */
export const APPS = {
  cli: {
    outdir: "apps/cli/dist",
    packageJson: "apps/cli/package.json",
    entries: {
      main: "apps/cli/src/main.ts",
      // The engine's off-thread stages (the CLI's pipeline may run them too).
      "distill-thread": "packages/engine/src/node/pipeline/distill-thread.mjs",
      "label-model-thread": "packages/engine/src/node/pipeline/label-model-thread.mjs",
    },
  },
  worker: {
    outdir: "worker/dist",
    packageJson: "worker/package.json",
    entries: {
      main: "worker/src/main.ts",
      "distill-thread": "packages/engine/src/node/pipeline/distill-thread.mjs",
      "label-model-thread": "packages/engine/src/node/pipeline/label-model-thread.mjs",
      "review-order-thread": "worker/src/derived-data/review-order-thread.mjs",
    },
  },
};

export const MANIFEST = "build-manifest.json";

/**
 * Why `app`'s build cannot be used as it is (a sentence), or null when it is current: the build
 * manifest records the mtime of every file that went into it (sources, runner assets, folders
 * whose listing matters, the build script); any difference means a rebuild.
 *
 * @example
 * staleReason("cli"); // null, or "apps/cli/src/main.ts changed since the last build"
 */
export function staleReason(app) {
  const outdir = join(ROOT, APPS[app].outdir);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(outdir, MANIFEST), "utf8"));
  } catch {
    return `${APPS[app].outdir} has not been built`;
  }
  for (const name of Object.keys(APPS[app].entries)) {
    if (!existsSync(join(outdir, `${name}.mjs`))) return `${APPS[app].outdir}/${name}.mjs is missing`;
  }
  for (const [file, mtimeMs] of Object.entries(manifest.inputs)) {
    let now;
    try {
      now = statSync(join(ROOT, file)).mtimeMs;
    } catch {
      return `${file} is gone since the last build`;
    }
    if (now !== mtimeMs) return `${file} changed since the last build`;
  }
  return null;
}

/**
 * The file URL of `app`'s built entry `name`, rebuilt first when any input changed since the
 * last build (`log` says so), so a launcher never runs a stale build.
 *
 * @example
 * await import(await freshEntry("cli", "main", (line) => process.stderr.write(`alchemist: ${line}\n`)));
 */
export async function freshEntry(app, name, log) {
  const reason = staleReason(app);
  if (reason !== null) {
    log(`rebuilding ${APPS[app].outdir} (${reason})`);
    const { buildNodeApp } = await import("./build-node-apps.mjs");
    await buildNodeApp(app);
  }
  return pathToFileURL(join(ROOT, APPS[app].outdir, `${name}.mjs`)).href;
}
