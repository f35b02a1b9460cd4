import { afterAll, describe, expect, it } from "vitest";
import { createLocalRunner } from "../node/runner/create-local-runner";
import { js, py } from "../node/runner/runner-fixtures";
import { renderProgram } from "./render-program";
import { tokenize } from "./text-cues";
import { testBudget } from "../node/testing/test-budget";

const runner = createLocalRunner({ poolSize: 1 });
afterAll(() => runner.close());

const texts = ["Sa mère l'a adoré", "une MÈRE émue", "sa m re", "mèrea", "Straße und Grüße"];

describe("synthesizer tokens outside ASCII", () => {
  it(
    "keeps accented words whole, as Python's and JavaScript's rendered programs do",
    async () => {
      expect(tokenize("Sa mère l'a adoré, 2ème fois_ok")).toEqual(["sa", "mère", "l'a", "adoré", "2ème", "fois", "ok"]);
      const plan = { kind: "keywords" as const, cls: 1, terms: ["mère", "grüße"] };
      const expected = texts.map((t) => (tokenize(t).some((w) => plan.terms.includes(w)) ? 1 : -1));
      expect(expected).toEqual([1, 1, -1, -1, 1]);
      for (const language of ["python", "javascript"] as const) {
        const code = renderProgram({ plan, language, functionName: "label_function", header: [], field: null });
        const program = language === "python" ? py("kw", code) : js("kw", code);
        const rows = await runner.tryProgram(program, texts, { classNames: ["other", "family"] });
        expect(
          rows.map((r) => r.vote),
          language,
        ).toEqual(expected);
      }
    },
    testBudget(120_000),
  );
});
