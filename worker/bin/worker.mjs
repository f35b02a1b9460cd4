#!/usr/bin/env node
// `npm start -w @alchemist/worker`: runs the built worker (worker/dist, built by `npm ci` through
// the root `prepare` script), rebuilt first if any of its sources changed since (a few ms to check).
// ALCHEMIST_FROM_SOURCE=1 runs the TypeScript sources under tsx instead (as `npm run dev` does).
if (process.env.ALCHEMIST_FROM_SOURCE === "1") {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/main.ts");
} else {
  const { freshEntry } = await import("../../scripts/node-apps.mjs");
  await import(await freshEntry("worker", "main", (line) => console.log(`[worker] ${line}`)));
}
