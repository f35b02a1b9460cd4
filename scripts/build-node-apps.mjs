// Builds the CLI and the worker into plain JavaScript (apps/cli/dist, worker/dist) with esbuild:
// ESM for Node, the workspace packages (@alchemist/*: TypeScript sources) bundled, npm packages
// left as imports, code split so every lazily imported command loads only its own chunk.
// `npm ci` runs it through the root `prepare` script; the launchers (apps/cli/bin/alchemist.mjs,
// worker/bin/worker.mjs) rerun it when a source changed (scripts/node-apps.mjs). Usage:
//   node scripts/build-node-apps.mjs [cli|worker ...]   (default: both)
import { builtinModules } from "node:module";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { APPS, MANIFEST, ROOT } from "./node-apps.mjs";

/** Files the sandbox locates next to its own module (`new URL("./js-sandbox.mjs", import.meta.url)`). */
const RUNNER_DIR = "packages/engine/src/node/runner";
/** Built chunks see the runner's assets in this subfolder of the output (see runnerAssetsPlugin). */
const RUNNER_OUT = "runner";
/** Anything under packages/ except generated code: pure declarations, so unused modules can be dropped. */
const PURE_SOURCE = /[\\/]packages[\\/](engine|db|jobs)[\\/]src[\\/](?!.*[\\/]generated[\\/])/;
/** Unused files older than this are pruned from the output (a running process may still load its chunks). */
const PRUNE_AFTER_MS = 60 * 60 * 1000;

const posix = (path) => path.split(sep).join("/");
const isBuiltin = (spec) => spec.startsWith("node:") || builtinModules.includes(spec.split("/")[0]);
const packageName = (spec) =>
  spec
    .split("/")
    .slice(0, spec.startsWith("@") ? 2 : 1)
    .join("/");

/** The folder Node's resolution finds `name` in, starting at `dir` (walking up node_modules), or null. */
function packageDir(name, dir) {
  for (let at = dir; ; at = dirname(at)) {
    const candidate = join(at, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dirname(at) === at) return null;
  }
}

/**
 * Workspace packages are bundled; npm packages stay imports. A package that the output folder
 * would resolve to a different copy than the importing source does (e.g. packages/engine's own
 * node_modules/openai) is imported by its file path relative to the output folder instead.
 * Workspace sources are marked side-effect free so the barrels (`@alchemist/engine/node`) keep
 * only the modules a chunk really uses: `apply` does not load ONNX, sharp or the LLM SDKs.
 */
function workspacePlugin(outdir, pinned) {
  return {
    name: "alchemist-workspace",
    setup(build) {
      const resolveOnce = (args) =>
        build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: { again: true } });
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.again || args.kind === "entry-point") return undefined;
        const spec = args.path;
        if (isBuiltin(spec)) return { path: spec, external: true };
        const bare = !spec.startsWith(".") && !spec.startsWith("/");
        if (bare && !spec.startsWith("@alchemist/")) {
          const name = packageName(spec);
          const fromSource = packageDir(name, args.resolveDir);
          if (fromSource === null) return { errors: [{ text: `cannot find package "${name}" from ${posix(relative(ROOT, args.importer))}` }] };
          if (fromSource === packageDir(name, outdir)) return { path: spec, external: true };
          const resolved = await resolveOnce(args);
          if (resolved.errors.length > 0) return { errors: resolved.errors };
          pinned.add(posix(relative(ROOT, join(fromSource, "package.json"))));
          const path = posix(relative(outdir, resolved.path));
          return { path: path.startsWith(".") ? path : `./${path}`, external: true };
        }
        if (!bare && !PURE_SOURCE.test(args.importer)) return undefined;
        const resolved = await resolveOnce(args);
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        return PURE_SOURCE.test(resolved.path) ? { ...resolved, sideEffects: false } : resolved;
      });
    },
  };
}

/**
 * The runner's TypeScript locates its assets relative to its own module; once bundled, that
 * module is a chunk in the output folder and the assets are copied to `outdir/runner/`, so
 * `import.meta.url` in those files (only) is read as that folder. The Node sandboxes get read
 * access to the folder of `js-sandbox.mjs`: that stays the assets' own folder, not the bundle.
 */
function runnerAssetsPlugin() {
  const filter = new RegExp(`[\\\\/]${RUNNER_DIR.split("/").join("[\\\\/]")}[\\\\/][^\\\\/]+\\.ts$`);
  return {
    name: "alchemist-runner-assets",
    setup(build) {
      build.onLoad({ filter }, (args) => {
        const source = readFileSync(args.path, "utf8");
        return { contents: source.replaceAll("import.meta.url", `new URL("./${RUNNER_OUT}/", import.meta.url).href`), loader: "ts" };
      });
    },
  };
}

function runnerAssets() {
  return readdirSync(join(ROOT, RUNNER_DIR), { withFileTypes: true })
    .filter((entry) => entry.isFile() && !/\.(ts|md)$/.test(entry.name))
    .map((entry) => entry.name);
}

/** Writes through a temporary name, so a concurrent run of the CLI never reads half a file. */
function writeAtomic(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, contents);
  renameSync(temp, path);
}

/**
 * Every `new URL("./x", import.meta.url)` and `createRequire(import.meta.url).resolve("pkg")` in
 * the bundled sources must still find its target from the output: checked here, at build time.
 */
function checkRuntimeLookups(inputs, outdir, planned) {
  const problems = [];
  for (const input of inputs) {
    const source = readFileSync(join(ROOT, input), "utf8");
    if (!source.includes("import.meta.url")) continue;
    const base = dirname(input) === RUNNER_DIR ? join(outdir, RUNNER_OUT) : outdir;
    for (const [, file] of source.matchAll(/["'](\.\/[\w.-]+\.(?:mjs|js|py|json|wasm))["']/g)) {
      if (!planned.has(join(base, file))) problems.push(`${input}: ${file} is not in ${posix(relative(ROOT, base))}/`);
    }
    for (const [, up] of source.matchAll(/new URL\(\s*["'](\.\.\/[^"']*)["']\s*,\s*import\.meta\.url/g)) {
      problems.push(`${input}: new URL("${up}", import.meta.url) points outside its folder, which the bundle does not keep`);
    }
    for (const [, spec] of source.matchAll(/createRequire\(import\.meta\.url\)\.resolve\(["']([^"']+)["']\)/g)) {
      const name = packageName(spec);
      if (packageDir(name, join(ROOT, dirname(input))) !== packageDir(name, base))
        problems.push(`${input}: "${name}" resolves to another copy from ${posix(relative(ROOT, base))}/`);
    }
  }
  if (problems.length > 0) throw new Error(`the build would not find files at run time:\n  ${problems.join("\n  ")}`);
}

/**
 * Builds one app into its output folder and writes the manifest the launchers check.
 *
 * @example
 * await buildNodeApp("cli"); // apps/cli/dist/main.mjs + chunks + runner/ + build-manifest.json
 */
export async function buildNodeApp(app) {
  const { build } = await import("esbuild");
  const config = APPS[app];
  const outdir = join(ROOT, config.outdir);
  const pinned = new Set();
  const started = Date.now();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: Object.entries(config.entries).map(([out, source]) => ({ in: source, out })),
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    entryNames: "[name]",
    chunkNames: "[name]-[hash]",
    outExtension: { ".js": ".mjs" },
    // The worker threads register tsx only when they run from source (see label-model-thread.mjs).
    define: { "globalThis.ALCHEMIST_BUNDLED": "true" },
    tsconfig: join(ROOT, "tsconfig.base.json"),
    metafile: true,
    write: false,
    logLevel: "warning",
    plugins: [workspacePlugin(outdir, pinned), runnerAssetsPlugin()],
  });
  const sources = Object.keys(result.metafile.inputs).filter((input) => !input.includes(":"));
  const assets = runnerAssets();
  const assetTargets = assets.map((asset) => join(outdir, RUNNER_OUT, asset));
  checkRuntimeLookups(sources, outdir, new Set([...result.outputFiles.map((file) => file.path), ...assetTargets]));
  // Chunks first, entries last: an entry is only ever replaced once everything it imports is there.
  const entryFiles = new Set(Object.keys(config.entries).map((name) => join(outdir, `${name}.mjs`)));
  const files = [...result.outputFiles].sort((a, b) => Number(entryFiles.has(a.path)) - Number(entryFiles.has(b.path)));
  assets.forEach((asset, i) => writeAtomic(assetTargets[i], readFileSync(join(ROOT, RUNNER_DIR, asset))));
  for (const file of files) writeAtomic(file.path, file.contents);

  const packageJsons = new Set([config.packageJson]);
  for (const input of sources) {
    const match = /^(packages\/[^/]+)\//.exec(input);
    if (match) packageJsons.add(`${match[1]}/package.json`);
  }
  const inputs = {};
  const watched = [
    ...sources,
    ...assets.map((asset) => `${RUNNER_DIR}/${asset}`),
    RUNNER_DIR,
    ...packageJsons,
    ...pinned,
    "tsconfig.base.json",
    posix(relative(ROOT, fileURLToPath(import.meta.url))),
    "scripts/node-apps.mjs",
  ];
  for (const file of watched) {
    const { mtimeMs } = statSync(join(ROOT, file));
    // A file saved while the build ran may not be in it: -1 makes the next start rebuild.
    inputs[file] = mtimeMs >= started ? -1 : mtimeMs;
  }
  writeAtomic(join(outdir, MANIFEST), `${JSON.stringify({ app, builtAt: new Date(started).toISOString(), inputs }, null, 1)}\n`);

  const kept = new Set([...files.map((file) => file.path), ...assetTargets, join(outdir, MANIFEST)]);
  for (const dir of [outdir, join(outdir, RUNNER_OUT)]) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isFile() && !kept.has(path) && Date.now() - statSync(path).mtimeMs > PRUNE_AFTER_MS) rmSync(path, { force: true });
    }
  }
  return { outdir, files: files.length, ms: Date.now() - started };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const apps = process.argv.slice(2);
  for (const app of apps.length > 0 ? apps : Object.keys(APPS)) {
    if (!(app in APPS)) throw new Error(`unknown app "${app}" (known: ${Object.keys(APPS).join(", ")})`);
    const { outdir, files, ms } = await buildNodeApp(app);
    console.log(`built ${posix(relative(ROOT, outdir))}/ (${files} files + ${basename(RUNNER_DIR)} assets) in ${ms} ms`);
  }
}
