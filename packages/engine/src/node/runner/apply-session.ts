import { ABSTAIN, createLabelMatrix } from "../../core/label-matrix";
import type { ApplyStreamOptions, ApplyStreamResult, Program, ProgramLimits } from "../../core/program";
import type { ProgramLanguage } from "../../core/task";
import { EngineError } from "../../errors/engine-error";
import type { Frame } from "./sandbox-frames";
import type { SandboxPool } from "./sandbox-pool";
import { ProgramLedger } from "./program-ledger";
import { CODE_CRASH, CODE_MEMORY, CODE_TIMEOUT, readCodes } from "./vote-codes";
import { voteCodeCount } from "../../multi-label/vote-code-count";

export interface SessionSettings {
  /** Rows sent to a sandbox at once (the last chunk of a batch may be smaller). */
  readonly chunkSize: number;
  readonly rowTimeoutMs: number;
  readonly limits: Required<ProgramLimits>;
}

/** A chunk of rows on its way through the sandboxes, until its votes are final. */
interface Chunk {
  readonly index: number;
  readonly start: number;
  readonly rows: number;
  /** The rows as JSON (JavaScript, Pyodide) and, when every row is a string, in marshal form (CPython). */
  body?: { json?: Buffer; marshal?: Buffer };
  readonly codes: (Int16Array | undefined)[];
  /** Per program: the sandbox's first fault (chunk row, message) and why it stopped the program. */
  readonly first: ([number, string] | undefined)[];
  readonly trips: ("run" | "budget" | undefined)[];
  pendingUnits: number;
}

interface Unit {
  readonly chunk: Chunk;
  readonly language: ProgramLanguage;
  readonly programs: number[];
}

interface FrameHeader {
  readonly i: number;
  readonly ms: number;
  readonly first: [number, string] | null;
  readonly trip: "run" | "budget" | null;
  readonly setup: boolean;
}

function parseHeader(header: unknown, expected: number, rows: number): FrameHeader {
  const h = header as Partial<FrameHeader> | null;
  if (h === null || typeof h !== "object" || h.i !== expected || typeof h.ms !== "number" || typeof h.setup !== "boolean") {
    throw new Error(`sandbox answered a malformed frame for program ${expected}`);
  }
  const first =
    Array.isArray(h.first) && typeof h.first[0] === "number" && h.first[0] >= 0 && h.first[0] < rows && typeof h.first[1] === "string" ? h.first : null;
  return {
    i: h.i,
    ms: Math.max(0, h.ms),
    first: first && [first[0], first[1].slice(0, 600)],
    trip: h.trip === "run" || h.trip === "budget" ? h.trip : null,
    setup: h.setup,
  };
}

const DEATH_CODES = { timeout: CODE_TIMEOUT, memory: CODE_MEMORY, crash: CODE_CRASH } as const;

/**
 * One apply: reads rows batch by batch, cuts them into chunks, sends each chunk once per language
 * to a free pool slot, where every program of that language runs on it, and collects one code per
 * (row, program). Chunks are finalized in row order by the ledger (program-ledger.ts), so votes,
 * fault counts, first errors and where the circuit breaker stopped a program never depend on the
 * pool size, the chunk size or which slot finished first. At most `pool.size + 2` chunks are held.
 *
 * @example
 * const result = await runApplySession(pool, programs, batches, { classNames, onBlock }, settings);
 */
export async function runApplySession(
  pool: SandboxPool,
  programs: readonly Program[],
  batches: AsyncIterable<readonly unknown[]> | Iterable<readonly unknown[]>,
  options: ApplyStreamOptions,
  settings: SessionSettings,
): Promise<ApplyStreamResult> {
  const { classNames, signal } = options;
  const k = voteCodeCount(classNames.length, options.multiLabel === true);
  const m = programs.length;
  const ledger = new ProgramLedger(programs, settings.limits);
  const applyId = options.sessionKey !== undefined ? `session:${options.sessionKey}` : `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const languages = [...new Set(programs.map((p) => p.language))];
  const iterator = (Symbol.asyncIterator in batches ? batches[Symbol.asyncIterator]() : batches[Symbol.iterator]()) as
    AsyncIterator<readonly unknown[]> | Iterator<readonly unknown[]>;
  let carry: readonly unknown[] = [];
  let exhausted = false;
  let rowsSeen = 0;
  let nextChunk = 0;
  const queue: Unit[] = [];
  const open = new Map<number, Chunk>();
  let finalized = 0;
  let failure: unknown;
  let done = 0;
  const total = options.totalRows !== undefined ? options.totalRows * m : undefined;
  const maxOpen = pool.size + 2;
  const cpython = languages.includes("python") && pool.pythonIsCpython();
  const wantMarshal = cpython;
  const wantJson = languages.includes("javascript") || (languages.includes("python") && !cpython);
  const groups = programGroups(programs, languages, pool.size, options.totalRows === undefined ? undefined : Math.ceil(options.totalRows / settings.chunkSize));

  /** Cuts the next chunk from the batches; false when they are exhausted. */
  const nextRows = async (): Promise<unknown[] | undefined> => {
    while (carry.length < settings.chunkSize && !exhausted) {
      const step = await iterator.next();
      if (step.done) exhausted = true;
      else if (!Array.isArray(step.value)) throw new EngineError("INVALID_ARGUMENT", `apply batches must be arrays of inputs, got ${typeof step.value}`);
      else carry = carry.length ? carry.concat(step.value) : step.value;
    }
    if (carry.length === 0) return undefined;
    const rows = carry.slice(0, settings.chunkSize);
    carry = carry.slice(settings.chunkSize);
    return rows;
  };

  let reading: Promise<boolean> | undefined;
  /** Queues the next chunk's units (one reader at a time); false when no rows are left. */
  const refill = (): Promise<boolean> => {
    reading ??= (async () => {
      try {
        const rows = await nextRows();
        if (!rows) return false;
        const body: { json?: Buffer; marshal?: Buffer } = {};
        if (wantMarshal) body.marshal = marshalStrings(rows);
        if (!body.marshal || wantJson) {
          try {
            body.json = Buffer.from(JSON.stringify(rows));
          } catch (error) {
            throw new EngineError("INVALID_ARGUMENT", `inputs ${rowsSeen}..${rowsSeen + rows.length - 1} are not JSON-serializable: ${String(error)}`);
          }
        }
        const chunk: Chunk = {
          index: nextChunk++,
          start: rowsSeen,
          rows: rows.length,
          body,
          codes: new Array(m),
          first: new Array(m),
          trips: new Array(m),
          pendingUnits: 0,
        };
        rowsSeen += rows.length;
        ledger.sawRows(rowsSeen);
        open.set(chunk.index, chunk);
        for (const language of languages) {
          for (const list of groups.get(language)!) {
            chunk.pendingUnits++;
            queue.push({ chunk, language, programs: list });
          }
        }
        return true;
      } finally {
        reading = undefined;
      }
    })();
    return reading;
  };

  // Finalizing runs one at a time, so blocks reach onBlock in row order even when it is async.
  let finalizing = Promise.resolve();
  const finalizeReady = (): Promise<void> => {
    finalizing = finalizing.then(async () => {
      for (let chunk = open.get(finalized); chunk && chunk.pendingUnits === 0; chunk = open.get(finalized)) {
        open.delete(finalized++);
        const votes = createLabelMatrix(chunk.rows, m, k);
        for (let j = 0; j < m; j++) {
          const codes = ledger.finalize(j, chunk.start, chunk.codes[j]!, chunk.first[j], chunk.trips[j]);
          for (let r = 0; r < chunk.rows; r++) {
            const code = codes[r]!;
            votes.values[r * m + j] = code >= ABSTAIN ? code : ABSTAIN;
          }
        }
        await options.onBlock({ start: chunk.start, votes });
      }
    });
    return finalizing;
  };

  /** Fills a program's codes for a chunk without running it (stopped, or its top level failed). */
  const settleWithoutRunning = (chunk: Chunk, j: number): boolean => {
    const known = ledger.skipReason(j, chunk.start);
    if (!known) return false;
    chunk.codes[j] = new Int16Array(chunk.rows).fill(known.code);
    if (known.message !== undefined) chunk.first[j] = [0, known.message];
    if (known.budget) chunk.trips[j] = "budget";
    return true;
  };

  const runUnit = async (slot: number, unit: Unit): Promise<void> => {
    const { chunk } = unit;
    let remaining = unit.programs.filter((j) => !settleWithoutRunning(chunk, j));
    while (remaining.length && !signal?.aborted && !pool.closed) {
      const sent = remaining.map((j) => ({
        i: j,
        src: programs[j]!.source,
        fn: programs[j]!.functionName,
        ms: Math.floor(ledger.remainingMs(j)),
        lead: ledger.leadFor(j, chunk.start),
      }));
      const box = pool.get(slot, unit.language);
      let answered = 0;
      const take = (frame: Frame): void => {
        const j = sent[answered]!.i;
        const header = parseHeader(frame.header, j, chunk.rows);
        const codes = readCodes(frame.body, chunk.rows, k);
        chunk.codes[j] = codes;
        if (header.first) chunk.first[j] = header.first;
        if (header.trip) chunk.trips[j] = header.trip;
        ledger.spent(j, header.ms, header.setup ? { code: codes[0] ?? CODE_CRASH, message: header.first?.[1] } : undefined, header.trip !== null, chunk.start);
        answered++;
      };
      const marshal = unit.language === "python" && chunk.body?.marshal;
      const outcome = await box.request({
        header: {
          t: "run",
          apply: applyId,
          classes: classNames,
          ...(options.multiLabel === true ? { multi: true } : {}),
          budget: settings.rowTimeoutMs,
          maxRun: settings.limits.maxConsecutiveFaults,
          rows: chunk.rows,
          capacity: settings.chunkSize,
          fmt: marshal ? "marshal" : "json",
          programs: sent,
        },
        body: marshal || chunk.body!.json!,
        onFrame: (frame) => {
          try {
            take(frame);
          } catch (error) {
            box.kill({ died: "crash", message: `the sandbox sent a corrupt answer (${(error as Error).message})` });
          }
        },
        // The sandbox enforces the row and program budgets itself; this is the backstop for one
        // that stops answering. It is per program: it restarts with every answer.
        deadlineMs: (frames) => (sent[frames]?.ms ?? 0) + 4 * settings.rowTimeoutMs + 15_000,
      });
      if (signal?.aborted || pool.closed) return;
      if ("done" in outcome && answered === sent.length) return;
      // The sandbox died (or stopped answering) during program sent[answered]: that program gets the
      // death for this chunk; the others go again to a fresh sandbox.
      pool.recycle(slot, unit.language);
      const guilty = sent[answered];
      if (guilty) {
        const death = "died" in outcome ? outcome : { died: "crash" as const, message: "the sandbox stopped answering" };
        chunk.codes[guilty.i] = new Int16Array(chunk.rows).fill(DEATH_CODES[death.died]);
        chunk.first[guilty.i] = [0, death.message];
      }
      remaining = sent.slice(answered + 1).map((p) => p.i);
    }
  };

  let waiters: (() => void)[] = [];
  const wake = (): void => {
    const list = waiters;
    waiters = [];
    list.forEach((resolve) => resolve());
  };
  const stopping = (): boolean => failure !== undefined || Boolean(signal?.aborted) || pool.closed;

  /** The next unit of work, reading more rows when the queue is empty; undefined when all is done. */
  const takeUnit = async (): Promise<Unit | undefined> => {
    for (;;) {
      if (stopping()) return undefined;
      const unit = queue.shift();
      if (unit) return unit;
      if (exhausted && !reading) return undefined;
      if (open.size >= maxOpen) {
        // Rows wait in order behind a slow chunk: let it finish before reading more.
        await new Promise<void>((resolve) => waiters.push(resolve));
        continue;
      }
      await refill();
    }
  };

  const runSlot = async (slot: number): Promise<void> => {
    for (let unit = await takeUnit(); unit; unit = await takeUnit()) {
      await runUnit(slot, unit);
      if (stopping()) return;
      const { chunk } = unit;
      done += chunk.rows * unit.programs.length;
      if (--chunk.pendingUnits === 0) chunk.body = undefined;
      options.onProgress?.({ done, total: total ?? done });
      await finalizeReady();
      wake();
    }
  };

  const onAbort = (): void => {
    pool.killAll();
    wake();
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    await Promise.all(
      Array.from({ length: pool.size }, (_, slot) =>
        runSlot(slot).catch((error: unknown) => {
          failure ??= error;
          wake();
        }),
      ),
    );
  } finally {
    signal?.removeEventListener("abort", onAbort);
    // A session's programs stay warm for its next call; a one-off apply frees them now.
    if (!signal?.aborted && !pool.closed && options.sessionKey === undefined) await endApply(pool, languages, applyId);
  }
  if (failure !== undefined) throw failure;
  if (signal?.aborted) throw new EngineError("ABORTED", `apply was aborted after ${done} program-row evaluations`);
  if (pool.closed) throw new EngineError("ABORTED", `the runner was closed during apply, after ${done} program-row evaluations`);
  if (open.size) throw new Error(`apply ended with ${open.size} chunk(s) not finalized`);
  return { n: rowsSeen, meta: ledger.meta() };
}

/**
 * Which programs of each language run together on a chunk. When an apply has fewer chunks than
 * slots (a few hundred rows, many programs), a language's programs are dealt round-robin into
 * groups so idle slots take part; otherwise all of them go together (the chunk crosses once).
 */
function programGroups(
  programs: readonly Program[],
  languages: readonly ProgramLanguage[],
  slots: number,
  chunks: number | undefined,
): Map<ProgramLanguage, number[][]> {
  const split = chunks === undefined || chunks >= slots ? 1 : Math.floor(slots / Math.max(1, chunks));
  const out = new Map<ProgramLanguage, number[][]>();
  for (const language of languages) {
    const list = programs.flatMap((p, j) => (p.language === language ? [j] : []));
    const count = Math.max(1, Math.min(split, list.length));
    out.set(
      language,
      Array.from({ length: count }, (_, g) => list.filter((_j, i) => i % count === g)),
    );
  }
  return out;
}

/**
 * The rows in Python's marshal format when every row is a well-formed string (a list of unicode
 * objects: CPython forks load it about twice as fast as JSON); undefined otherwise.
 */
function marshalStrings(rows: readonly unknown[]): Buffer | undefined {
  let size = 5;
  for (const row of rows) {
    // ES2024 (Node 20 has it): a lone surrogate would not survive UTF-8, so such rows go as JSON.
    if (typeof row !== "string" || !(row as string & { isWellFormed(): boolean }).isWellFormed()) return undefined;
    size += 5 + Buffer.byteLength(row, "utf8");
  }
  const out = Buffer.allocUnsafe(size);
  out[0] = 0x5b; // TYPE_LIST
  out.writeInt32LE(rows.length, 1);
  let at = 5;
  for (const row of rows as readonly string[]) {
    out[at] = 0x75; // TYPE_UNICODE
    const written = out.write(row, at + 5, "utf8");
    out.writeInt32LE(written, at + 1);
    at += 5 + written;
  }
  return out;
}

/** Tells every live sandbox the apply is over: program processes and contexts are freed. */
async function endApply(pool: SandboxPool, languages: readonly ProgramLanguage[], applyId: string): Promise<void> {
  await Promise.all(
    Array.from({ length: pool.size }, async (_, slot) => {
      for (const language of languages) {
        const box = pool.peek(slot, language);
        if (box?.alive) await box.request({ header: { t: "end", apply: applyId }, deadlineMs: () => 10_000 });
      }
    }),
  );
}
