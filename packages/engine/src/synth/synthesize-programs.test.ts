// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- test only: checks the generated Python with python3
import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { TaskSpec } from "../core/task";
import { synthesizePrograms, type SynthesizedProgram } from "./synthesize-programs";

const task: TaskSpec = {
  name: "toy",
  description: "spam or ham",
  input: "text",
  language: "python",
  functionName: "label_function",
  classes: [
    { name: "ham", description: "" },
    { name: "spam", description: "" },
  ],
};
const hamTexts = [
  "see you at lunch tomorrow",
  "i am on my way home",
  "ok see you soon my friend",
  "are we still on for dinner",
  "i will call you later tonight",
  "thanks see you at home",
];
const spamTexts = [
  "WIN a FREE prize now call 09061701461",
  "free entry win cash text WIN to 87121",
  "claim your free prize call 08001234567",
  "URGENT you have won $500 cash call now",
  "win free tickets reply WIN to 80082",
  "you won a free prize claim at www.win.com",
];
const seed = { texts: [...hamTexts, ...spamTexts], labels: [...hamTexts.map(() => 0), ...spamTexts.map(() => 1)] };
const unlabeled = Array.from({ length: 40 }, (_, i) => `${hamTexts[i % 6]} ${i % 3 === 0 ? "my" : "see"}`).concat(
  Array.from({ length: 40 }, (_, i) => spamTexts[(i * 5) % 6]!.replace(/[0-9]{5}/, String(10000 + i))),
);
const run = (language: "python" | "javascript", rngSeed = 7): SynthesizedProgram[] =>
  synthesizePrograms({ task: { ...task, language }, seed, unlabeled, language, rngSeed });
const asJs = (p: SynthesizedProgram): ((t: unknown) => number) => new Function(`${p.source}\nreturn ${p.functionName};`)() as (t: unknown) => number;

describe("synthesizePrograms", () => {
  it("is deterministic and independent of the output language's plans", () => {
    const a = run("javascript");
    expect(run("javascript")).toEqual(a);
    expect(run("python").map((p) => p.name)).toEqual(a.map((p) => p.name));
  });

  it("gives each class a program, with unique identifier names and the task's function name", () => {
    const programs = run("javascript");
    const classes = new Set(
      programs
        .map((p) => asJs(p))
        .flatMap((f) => [...seed.texts, ...unlabeled].map(f))
        .filter((v) => v >= 0),
    );
    expect([...classes].sort()).toEqual([0, 1]);
    expect(new Set(programs.map((p) => p.name)).size).toBe(programs.length);
    for (const p of programs) {
      expect(p.name).toMatch(/^[A-Za-z0-9_]+$/);
      expect(p.functionName).toBe("label_function");
      expect(p.description.length).toBeGreaterThan(10);
    }
  });

  it("writes JavaScript programs that run, vote their class on the seed mostly right and never fire on everything", () => {
    const all = [...seed.texts, ...unlabeled];
    for (const p of run("javascript")) {
      const f = asJs(p);
      expect(f(null)).toBe(-1);
      const votes = all.map(f);
      expect(votes.filter((v) => v >= 0).length).toBeLessThan(all.length);
      const seedVotes = seed.texts
        .map(f)
        .map((v, i) => [v, seed.labels[i]])
        .filter(([v]) => v! >= 0);
      expect(seedVotes.filter(([v, l]) => v === l).length).toBeGreaterThan(seedVotes.length / 2);
    }
  });

  it("writes Python programs that parse and vote exactly like the JavaScript ones (when python3 is available)", (ctx) => {
    if (spawnSync("python3", ["--version"]).status !== 0) return ctx.skip("python3 not available: Python programs not checked");
    const py = run("python");
    const texts = [...seed.texts, ...unlabeled, "", "WIN \u00a3100!!! CALL 09061701461 NOW", "\u0130K \u03a3 caf\u00e9 \ud83d\ude00 $5 www.x.com 50%"];
    const script =
      "import ast,json,sys\nd=json.load(sys.stdin)\nout=[]\nfor src in d['s']:\n    ast.parse(src)\n    g={}\n    exec(src,g)\n    out.append([g['label_function'](t) for t in d['t']])\nprint(json.dumps(out))";
    const out = JSON.parse(
      execFileSync("python3", ["-c", script], { input: JSON.stringify({ s: py.map((p) => p.source), t: texts }) }).toString(),
    ) as number[][];
    expect(py.every((p) => p.source.includes("def label_function(text):"))).toBe(true);
    expect(out).toEqual(run("javascript").map((p) => texts.map(asJs(p))));
  });

  it("reads the first field of record inputs", () => {
    const programs = synthesizePrograms({ task: { ...task, input: ["body", "subject"] }, seed, unlabeled, language: "javascript", rngSeed: 1 });
    const spam = programs.map(asJs).map((f) => f({ body: spamTexts[0], subject: "" }));
    expect(spam).toContain(1);
    expect(programs.map(asJs).map((f) => f(spamTexts[0]))).toEqual(programs.map(() => -1));
  });

  it("serves every class of a three-class task and respects maxPrograms", () => {
    const topics = [
      ["goal", "match", "team", "score"],
      ["vote", "election", "party", "senate"],
      ["recipe", "oven", "bake", "flour"],
    ];
    const make = (c: number, i: number): string => `the ${topics[c]![i % 4]} and the ${topics[c]![(i + 1) % 4]} today ${i}`;
    const texts = Array.from({ length: 30 }, (_, i) => make(i % 3, i));
    const programs = synthesizePrograms({
      task: {
        ...task,
        classes: [
          { name: "sport", description: "" },
          { name: "politics", description: "" },
          { name: "food", description: "" },
        ],
      },
      seed: { texts, labels: texts.map((_, i) => i % 3) },
      unlabeled: Array.from({ length: 90 }, (_, i) => make(i % 3, i + 7)),
      language: "javascript",
      rngSeed: 3,
      maxPrograms: 5,
    });
    expect(programs.length).toBeLessThanOrEqual(5);
    const voted = new Set(programs.map(asJs).flatMap((f) => [0, 1, 2].flatMap((c) => [0, 1, 2, 3].map((i) => f(make(c, i))))));
    expect([...voted].filter((v) => v >= 0).sort()).toEqual([0, 1, 2]);
  });

  it("rejects bad arguments with the numbers involved", () => {
    expect(() => synthesizePrograms({ task, seed: { texts: ["a"], labels: [] }, unlabeled, language: "python", rngSeed: 1 })).toThrow(/1 texts but 0 labels/);
    expect(() => synthesizePrograms({ task, seed: { texts: ["a"], labels: [2] }, unlabeled, language: "python", rngSeed: 1 })).toThrow(/label 2 at index 0/);
    expect(() => synthesizePrograms({ task, seed, unlabeled, language: "python", rngSeed: 1, maxPrograms: 0 })).toThrow(/maxPrograms.*0/);
  });
});
