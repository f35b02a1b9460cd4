// `npm start`: the studio in production mode on one machine: the built Next.js app
// (apps/web/scripts/start.mjs, WEB_CONCURRENCY processes on PORT) and one worker process
// (worker/bin/worker.mjs), both with NODE_ENV=production. Reads `.env` from the repository root
// when there is one (variables already set win). Builds the web app first when it has never been
// built, or with `--build` (do that after every update: `npm start -- --build`). Checks the
// variables production cannot run without before starting anything, and stops both processes
// when either one exits or on SIGTERM/SIGINT.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./node-apps.mjs";

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== "--build");
if (unknown.length > 0) {
  console.error(`[start] unknown argument ${unknown[0]}: npm start [-- --build] (PORT, HOST and WEB_CONCURRENCY come from the environment)`);
  process.exit(2);
}

const envFile = join(ROOT, ".env");
if (existsSync(envFile)) {
  const before = { ...process.env };
  process.loadEnvFile(envFile);
  // loadEnvFile never overrides what is set already; say where values came from.
  const loaded = Object.keys(process.env).filter((k) => !(k in before));
  console.log(`[start] read ${loaded.length} variable(s) from .env`);
}
const env = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1" };

const base64Key = (v) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(v.trim()) && Buffer.from(v.trim(), "base64").length === 32;
const checks = [
  ["DATABASE_URL", (v) => /^postgres(ql)?:\/\//.test(v), "postgresql://user:password@host:5432/alchemist (run `npm run db:migrate` once)"],
  ["BETTER_AUTH_SECRET", (v) => v.length >= 32, "32+ random characters that sign session cookies: openssl rand -base64 32"],
  ["BETTER_AUTH_URL", (v) => URL.canParse(v), "the studio's public URL, e.g. https://studio.example.com"],
  ["SECRETS_KEY", base64Key, "32 bytes in base64 that encrypt provider keys (the same for web and worker): openssl rand -base64 32"],
];
// REDIS_URL may stay unset (redis://127.0.0.1:6379); web and worker validate it and the rest.
const problems = checks
  .filter(([name, ok]) => !env[name] || !ok(env[name]))
  .map(([name, , hint]) => `${name} ${env[name] ? "is malformed" : "is not set"}: ${hint}`);
if (problems.length > 0) {
  console.error(`[start] production needs these variables (README "Running it for real", .env.example):\n  ${problems.join("\n  ")}`);
  process.exit(2);
}

const webDir = join(ROOT, "apps/web");
if (args.includes("--build") || !existsSync(join(webDir, ".next/BUILD_ID"))) {
  console.log("[start] building the studio (next build; a few minutes)…");
  const build = spawnSync(process.execPath, [join(ROOT, "node_modules/next/dist/bin/next"), "build"], { cwd: webDir, env, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = env.PORT ?? "3000";
const host = env.HOST ?? "0.0.0.0";
const children = [
  ["web", spawn(process.execPath, [join(webDir, "scripts/start.mjs"), "-p", port, "-H", host], { cwd: webDir, env, stdio: "inherit" })],
  ["worker", spawn(process.execPath, [join(ROOT, "worker/bin/worker.mjs")], { cwd: ROOT, env, stdio: "inherit" })],
];
console.log(`[start] studio on http://${host}:${port} (public URL ${env.BETTER_AUTH_URL}), worker started; Ctrl+C stops both`);

let stopping = false;
let signalled = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  for (const [, child] of children) if (child.exitCode === null && child.signalCode === null) child.kill(signal);
};
for (const signal of ["SIGTERM", "SIGINT"])
  process.on(signal, () => {
    signalled = true;
    stop(signal);
  });
let firstCode = null;
for (const [name, child] of children) {
  child.on("exit", (code, signal) => {
    if (!stopping) console.error(`[start] ${name} exited (${signal ?? code}); stopping the ${name === "web" ? "worker" : "web"} too`);
    // Stopped on purpose (a signal to us): a clean exit; otherwise the first child's status.
    firstCode ??= signalled ? 0 : (code ?? 1);
    stop("SIGTERM");
    if (children.every(([, c]) => c.exitCode !== null || c.signalCode !== null)) process.exit(firstCode);
  });
}
