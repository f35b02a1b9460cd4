#!/usr/bin/env node
// Runs the built CLI (apps/cli/dist, built by `npm ci` through the root `prepare` script). If any
// source went into that build changed since, it is rebuilt first (checking costs a few ms), so a
// stale build never runs. ALCHEMIST_FROM_SOURCE=1 runs the TypeScript sources under tsx instead.
if (process.env.ALCHEMIST_FROM_SOURCE === "1") {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/main.ts");
} else {
  const { freshEntry } = await import("../../../scripts/node-apps.mjs");
  // The rebuild note goes to a terminal only: piped stderr (tests, scripts) stays the command's own.
  const note = (line) => process.stderr.isTTY && process.stderr.write(`alchemist: ${line}\n`);
  await import(await freshEntry("cli", "main", note));
}
