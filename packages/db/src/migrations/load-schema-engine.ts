import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import type * as SchemaEngineBg from "@prisma/schema-engine-wasm/schema_engine_bg";

type Bindings = typeof SchemaEngineBg;

/** Node has WebAssembly; the project's TS lib (ES2023, no DOM) does not declare it. */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, object>) => { exports: Record<string, unknown> };
}
const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let bindings: Promise<Bindings> | undefined;
const panic = { message: "" };

/**
 * Instantiates Prisma's schema engine (WebAssembly) once per process. The package's own entry
 * imports the `.wasm` as an ES module, which Node 20 cannot do, so the glue is wired by hand.
 */
async function loadBindings(): Promise<Bindings> {
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
  g.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (message) => void (panic.message = message) };
  const glue: Bindings = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const entry = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm");
  const wasmPath = join(dirname(entry), "schema_engine_bg.wasm");
  const module = new Wasm.Module(await readFile(wasmPath));
  const instance = new Wasm.Instance(module, { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports as never);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  return glue;
}

/** A schema engine bound to one database; call `free()` when done. */
export interface BoundSchemaEngine {
  readonly engine: SchemaEngine;
  /** Last panic message from the engine, to make Rust panics readable. */
  readonly lastPanic: () => string;
}

/**
 * Creates a schema engine whose SQL goes through `@prisma/adapter-pg` to `connectionString`.
 *
 * @example
 * const { engine } = await loadSchemaEngine("postgresql://root@127.0.0.1:5432/app");
 * await engine.applyMigrations(input);
 * engine.free();
 */
export async function loadSchemaEngine(connectionString: string): Promise<BoundSchemaEngine> {
  if (!/^postgres(ql)?:\/\//.test(connectionString)) {
    throw new Error(`schema engine needs a postgresql:// URL, got "${connectionString.slice(0, 40)}"`);
  }
  bindings ??= loadBindings();
  const glue = await bindings;
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString }));
  const log = (): void => {};
  const engine = await glue.SchemaEngine.new({ datamodels: undefined }, log, adapter);
  return { engine, lastPanic: () => panic.message };
}
