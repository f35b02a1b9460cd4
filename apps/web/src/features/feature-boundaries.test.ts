import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// Feature boundaries (DEVELOPERS.md, "Feature surfaces"): a feature is used from outside only through
// its surfaces, `@/features/<name>` (index.ts, server) and `@/features/<name>/client` (client.ts,
// browser-safe), and features depend on each other without cycles. Files are found on disk, so new
// features and imports are checked without editing this test.

const SRC = join(import.meta.dirname, "..");

interface Problems {
  /** Imports that reach into another feature (or into the importer's own surface). */
  readonly deep: string[];
  /** Client code or the client surface reaching the server surface or server-only modules. */
  readonly client: string[];
  /** Feature dependency cycles, each as `a -> b -> a` with the import that makes each edge. */
  readonly cycles: string[];
}

const featureOf = (path: string): string | null => /^features\/([^/]+)\//.exec(path)?.[1] ?? null;

/** Every module specifier a file imports or re-exports from, static or dynamic, with its line. */
function importsOf(path: string, source: string): { spec: string; line: number }[] {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.ES2022, true, path.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: { spec: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    let spec: ts.Expression | undefined;
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) spec = node.moduleSpecifier;
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) spec = node.arguments[0];
    if (spec && ts.isStringLiteral(spec)) out.push({ spec: spec.text, line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

const directiveOf = (source: string): string | null => /^\s*["'](use client|use server)["']/.exec(source)?.[1] ?? null;

/**
 * Checks a tree of sources (paths relative to apps/web/src) against the feature rules.
 * Specifiers are resolved the way the app's `@/` alias and relative imports resolve them.
 */
function checkFeatureBoundaries(sources: ReadonlyMap<string, string>): Problems {
  const resolveSpec = (from: string, spec: string): string | null => {
    let base: string;
    if (spec.startsWith("@/")) base = spec.slice(2);
    else if (spec.startsWith(".")) base = relative(SRC, resolve(SRC, dirname(from), spec));
    else return null;
    for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) if (sources.has(candidate)) return candidate;
    return null;
  };
  const deep: string[] = [];
  const client: string[] = [];
  const edges = new Map<string, Map<string, string>>();
  for (const [path, source] of sources) {
    const from = featureOf(path);
    const isClient = directiveOf(source) === "use client" || /^features\/[^/]+\/client\.ts$/.test(path);
    for (const { spec, line } of importsOf(path, source)) {
      const target = resolveSpec(path, spec);
      const to = target && featureOf(target);
      if (!target || !to) continue;
      const surface = /^features\/[^/]+\/(index|client)\.ts$/.exec(target)?.[1];
      if (to === from) {
        if (surface && path !== target && !/^features\/[^/]+\/index\.ts$/.test(path))
          deep.push(`${path}:${line} imports its own feature's surface "${spec}": inside a feature, import the module by its relative path`);
        if (isClient && /^features\/[^/]+\/client\.ts$/.test(path) && /(^|\/)server\//.test(target))
          client.push(`${path}:${line} re-exports "${spec}", a server module, from the client surface: move it to index.ts`);
        continue;
      }
      if (!surface || !/^@\/features\/[^/]+(\/client)?$/.test(spec)) {
        deep.push(
          `${path}:${line} imports "${spec}" from inside the ${to} feature: import it from "@/features/${to}" or "@/features/${to}/client" (export it there)`,
        );
      } else if (isClient && surface === "index") {
        client.push(`${path}:${line} is client code but imports "${spec}", the ${to} feature's server surface: use "@/features/${to}/client"`);
      }
      if (from) {
        const out = edges.get(from) ?? new Map<string, string>();
        edges.set(from, out);
        if (!out.has(to)) out.set(to, `${path}:${line}`);
      }
    }
  }
  return { deep, client, cycles: findCycles(edges) };
}

/** Every elementary cycle found by a depth-first walk, printed once from its smallest feature name. */
function findCycles(edges: ReadonlyMap<string, ReadonlyMap<string, string>>): string[] {
  const found = new Set<string>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const done = new Set<string>();
  const visit = (node: string): void => {
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node)?.keys() ?? []) {
      if (onStack.has(next)) {
        const cycle = stack.slice(stack.indexOf(next));
        const start = cycle.indexOf([...cycle].sort()[0]!);
        const ordered = [...cycle.slice(start), ...cycle.slice(0, start)];
        const steps = ordered.map((a, i) => {
          const b = ordered[(i + 1) % ordered.length]!;
          return `${a} -> ${b} (${edges.get(a)?.get(b)})`;
        });
        found.add(`${[...ordered, ordered[0]].join(" -> ")}: ${steps.join("; ")}`);
      } else if (!done.has(next)) visit(next);
    }
    stack.pop();
    onStack.delete(node);
    done.add(node);
  };
  for (const node of [...edges.keys()].sort()) if (!done.has(node)) visit(node);
  return [...found].sort();
}

function readTree(dir: string, out = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) readTree(path, out);
    else if (/\.tsx?$/.test(entry.name)) out.set(relative(SRC, path), readFileSync(path, "utf8"));
  }
  return out;
}

describe("feature boundaries", () => {
  it("every feature has a server surface (index.ts)", () => {
    const features = readdirSync(join(SRC, "features"), { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(features.length).toBeGreaterThan(0);
    expect(features.filter((e) => !existsSync(join(SRC, "features", e.name, "index.ts"))).map((e) => e.name)).toEqual([]);
  });

  it("features import each other only through their surfaces, client code only through client surfaces, and without cycles", () => {
    const problems = checkFeatureBoundaries(readTree(SRC));
    expect({ deep: problems.deep, client: problems.client, cycles: problems.cycles }).toEqual({ deep: [], client: [], cycles: [] });
  });

  it("the check finds deep imports, client code on the server surface and cycles (a planted tree)", () => {
    const planted = new Map([
      ["features/a/index.ts", 'export { A } from "./server/a";'],
      ["features/a/client.ts", 'export { B } from "./components/b";\nexport { S } from "./server/a";'],
      ["features/a/server/a.ts", 'import "server-only";\nimport { C } from "@/features/c";\nexport const A = C;\nexport const S = 1;'],
      ["features/a/components/b.tsx", '"use client";\nimport { A } from "@/features/a";\nexport const B = A;'],
      [
        "features/b/components/uses-a.tsx",
        '"use client";\nimport { A } from "@/features/a";\nimport { X } from "@/features/c/server/x";\nexport const U = [A, X];',
      ],
      ["features/c/index.ts", 'export { C } from "./server/x";'],
      ["features/c/server/x.ts", 'import { U } from "../../b/components/uses-a";\nexport const C = U;\nexport const X = 2;'],
      ["app/page.tsx", 'import { X } from "@/features/c/server/x";\nexport default X;'],
    ]);
    const problems = checkFeatureBoundaries(planted);
    expect(problems.deep).toEqual([
      'features/a/components/b.tsx:2 imports its own feature\'s surface "@/features/a": inside a feature, import the module by its relative path',
      'features/b/components/uses-a.tsx:3 imports "@/features/c/server/x" from inside the c feature: import it from "@/features/c" or "@/features/c/client" (export it there)',
      'features/c/server/x.ts:1 imports "../../b/components/uses-a" from inside the b feature: import it from "@/features/b" or "@/features/b/client" (export it there)',
      'app/page.tsx:1 imports "@/features/c/server/x" from inside the c feature: import it from "@/features/c" or "@/features/c/client" (export it there)',
    ]);
    expect(problems.client).toEqual([
      'features/a/client.ts:2 re-exports "./server/a", a server module, from the client surface: move it to index.ts',
      'features/b/components/uses-a.tsx:2 is client code but imports "@/features/a", the a feature\'s server surface: use "@/features/a/client"',
    ]);
    expect(problems.cycles).toEqual([
      "a -> c -> b -> a: a -> c (features/a/server/a.ts:2); c -> b (features/c/server/x.ts:1); b -> a (features/b/components/uses-a.tsx:2)",
      "b -> c -> b: b -> c (features/b/components/uses-a.tsx:3); c -> b (features/c/server/x.ts:1)",
    ]);
  });
});
