// Scratch: runs synthesized programs (both languages) through the real local runner on SMS
// texts and compares the two label matrices with each other and with direct JS evaluation.
import { createLocalRunner } from "../../src/node/runner/create-local-runner";
import { synthesizePrograms } from "../../src/synth/synthesize-programs";
import type { TaskSpec } from "../../src/core/task";
import { loadSms } from "./load-sets";

const set = loadSms();
const task: TaskSpec = {
  name: "sms",
  description: "",
  input: "text",
  language: "python",
  functionName: "label_function",
  classes: [
    { name: "ham", description: "" },
    { name: "spam", description: "" },
  ],
};
const args = { task, seed: { texts: set.texts.slice(0, 50), labels: set.labels.slice(0, 50) }, unlabeled: set.texts.slice(50, 3000), rngSeed: 5 };
const texts = set.texts.slice(3000, 3500);
const runner = createLocalRunner();
try {
  const out: Record<string, Int8Array | Int16Array | Int32Array> = {};
  for (const language of ["javascript", "python"] as const) {
    const programs = synthesizePrograms({ ...args, language });
    const t0 = Date.now();
    const { L, meta } = await runner.apply(programs, texts, { classNames: ["ham", "spam"] });
    const faults = meta.filter((m) => Object.keys(m.faults).length > 0).map((m) => `${m.name}: ${JSON.stringify(m.faults)} ${m.firstError ?? ""}`);
    console.log(
      `${language}: ${programs.length} programs x ${texts.length} rows in ${Date.now() - t0} ms; faults: ${faults.length ? faults.join("; ") : "none"}`,
    );
    out[language] = L.values;
  }
  const diff = out.javascript!.filter((v, i) => v !== out.python![i]).length;
  console.log(`runner label matrices, javascript vs python: ${diff} differing cells of ${out.javascript!.length}`);
} finally {
  await runner.close();
}
