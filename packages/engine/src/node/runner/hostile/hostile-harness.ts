import { createServer, type Server } from "node:net";
import type { ApplyResult, FaultKind, Program, ProgramRunner } from "../../../core/program";

export const CLASSES = ["ham", "spam"];
/** Secrets planted in the test process's env; no program output or error may contain them. */
export const SECRET = "hostile-suite-secret-7c1f";

export function plantSecrets(): void {
  process.env.DATABASE_URL = `postgres://app:${SECRET}@127.0.0.1:5432/prod`;
  process.env.OPENAI_API_KEY = `sk-${SECRET}`;
}

/** One hostile case: the program and what containment must look like. */
export interface HostileCase {
  readonly program: Program;
  /** The fault kind every row must get, or "none" when the program must complete legally. */
  readonly fault: FaultKind | "none";
  /** Votes expected when fault is "none". */
  readonly votes?: readonly number[];
  /** Extra check on the program's first error message. */
  readonly error?: RegExp;
  /** Exact fault counts, for cases where only some rows fault. */
  readonly faults?: Partial<Record<FaultKind, number>>;
}

export const pyCase = (name: string, source: string, fault: HostileCase["fault"], extra: Partial<HostileCase> = {}): HostileCase => ({
  program: { name, language: "python", functionName: "label_function", source },
  fault,
  ...extra,
});
export const jsCase = (name: string, source: string, fault: HostileCase["fault"], extra: Partial<HostileCase> = {}): HostileCase => ({
  program: { name, language: "javascript", functionName: "label_function", source },
  fault,
  ...extra,
});

/** A loopback TCP listener that counts every connection it receives. */
export async function watchedListener(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server: Server = createServer((socket) => {
    count++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("listener has no port");
  return { port: address.port, connections: () => count, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Inputs every case runs on: two rows, so a fault must repeat per row and not leak into the next. */
export const INPUTS = ["free entry win cash", "see you at home"];

/** Asserts one case's outcome; returns a description of what went wrong, or "" when contained. */
export function verdict(result: ApplyResult, j: number, c: HostileCase): string {
  const m = result.meta[j]!;
  const votes = INPUTS.map((_, r) => result.L.values[r * result.L.m + j]!);
  const leak = JSON.stringify(m).includes(SECRET) ? "secret leaked into meta; " : "";
  if (c.faults) {
    const ok = JSON.stringify(m.faults) === JSON.stringify(c.faults) && JSON.stringify(votes) === JSON.stringify(c.votes ?? votes);
    return (
      leak +
      (ok ? "" : `expected faults ${JSON.stringify(c.faults)} votes ${JSON.stringify(c.votes)}, got ${JSON.stringify(m.faults)} ${JSON.stringify(votes)}`)
    );
  }
  if (c.fault === "none") {
    const ok = Object.keys(m.faults).length === 0 && JSON.stringify(votes) === JSON.stringify(c.votes ?? votes);
    return (
      leak +
      (ok ? "" : `expected clean votes ${JSON.stringify(c.votes)}, got ${JSON.stringify(votes)} faults ${JSON.stringify(m.faults)} ${m.firstError ?? ""}`)
    );
  }
  const faults = JSON.stringify(m.faults);
  if (faults !== JSON.stringify({ [c.fault]: INPUTS.length })) return `${leak}expected ${c.fault} x${INPUTS.length}, got ${faults} (${m.firstError ?? ""})`;
  if (votes.some((v) => v !== -1)) return `${leak}faulted rows must abstain, got ${JSON.stringify(votes)}`;
  if (c.error && !c.error.test(m.firstError ?? "")) return `${leak}error ${JSON.stringify(m.firstError)} does not match ${c.error}`;
  if ((m.firstError ?? "").length > 600) return `${leak}error message not bounded: ${m.firstError!.length} chars`;
  return leak;
}

/** A control program that must vote correctly after every hostile one (host and runtime healthy). */
export async function controlStillWorks(runner: ProgramRunner, language: "python" | "javascript"): Promise<number[]> {
  const source =
    language === "python"
      ? "import re\ndef label_function(t):\n    return 'spam' if re.search(r'free', t) and len(t) > 3 and 'win' in t else 0\n"
      : "function label_function(t) { return /free/.test(t) && t.includes('win') && ({}).polluted === undefined ? 'spam' : 0; }";
  const { L } = await runner.apply([{ name: "control", language, functionName: "label_function", source }], INPUTS, { classNames: CLASSES });
  return Array.from(L.values);
}
