import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** How runner children are isolated from the network at the OS level. */
export interface OsIsolation {
  /** `netns`: each child starts in a fresh network namespace (only a down loopback); `none`: JS-level blocking only. */
  readonly mode: "netns" | "none";
  /** Command and leading arguments that start a child; the node command line follows them. */
  readonly command: string;
  readonly prefix: readonly string[];
  readonly reason?: string;
}

let detected: OsIsolation | undefined;
let warned = false;

/**
 * Decides once per process how runner children are started. Fallback order:
 * 1. `unshare -n` (util-linux, needs root or unprivileged user namespaces): the child gets a new
 *    network namespace with only a down loopback, so no socket can reach the host, loopback
 *    services (Postgres, Redis, the web server) or the internet, whatever the program reaches in JS.
 *    Costs ~3 ms per child start.
 * 2. none: the child is spawned directly. Network access is then blocked only at the JS level
 *    (fetch/WebSocket/EventSource removed, no code generation from strings, no getBuiltinModule,
 *    no process.binding, Node's permission model for files, processes and addons); a warning says
 *    so once per process. `ALCHEMIST_SANDBOX_NETNS=0` forces this mode (for comparison runs).
 *
 * @example
 * const { command, prefix, mode } = osIsolation(); // mode === "netns" on a root CI machine
 */
export function osIsolation(): OsIsolation {
  if (detected) return detected;
  const disabled = process.env.ALCHEMIST_SANDBOX_NETNS === "0";
  // Children get an empty env, so the command is resolved here, with an absolute path when known.
  const unshare = ["/usr/bin/unshare", "/bin/unshare"].find((path) => existsSync(path)) ?? "unshare";
  const probe = disabled ? undefined : spawnSync(unshare, ["-n", "true"], { stdio: "ignore", timeout: 5000 });
  if (probe && probe.status === 0) {
    detected = { mode: "netns", command: unshare, prefix: ["-n", process.execPath] };
  } else {
    const reason = disabled ? "disabled by ALCHEMIST_SANDBOX_NETNS=0" : `unshare -n failed (${probe?.error?.message ?? `exit ${probe?.status}`})`;
    detected = { mode: "none", command: process.execPath, prefix: [], reason };
  }
  if (detected.mode === "none" && !warned) {
    warned = true;
    process.emitWarning(`program sandbox: no OS network isolation (${detected.reason}); network is blocked at the JS level only`, "AlchemistSandboxWarning");
  }
  return detected;
}
