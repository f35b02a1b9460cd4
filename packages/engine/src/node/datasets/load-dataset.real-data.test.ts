import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDataset } from "./load-dataset";

// Real public datasets live outside the repository (DEVELOPERS.md); skip when they are absent.
const root = resolve(import.meta.dirname, "../../../../../../shared/datasets");
const present = existsSync(join(root, "sms")) && existsSync(join(root, "youtube"));
if (!present) console.warn(`skipping real-data loadDataset checks: ${root} not found`);

describe.skipIf(!present)("loadDataset on the shared datasets", () => {
  it("loads the header-less UCI SMS collection (5574 rows)", async () => {
    const ds = await loadDataset(join(root, "sms/uci/SMSSpamCollection"), {
      mapping: { input: "text", label: "label" },
      columns: ["label", "text"],
      classNames: ["ham", "spam"],
      seed: 1,
    });
    expect(ds.rows).toHaveLength(5574);
    expect(ds.rows.filter((r) => r.gold === 1)).toHaveLength(747);
  });

  it("loads WRENCH YouTube (1686 / 120 / 250, 10 LFs)", async () => {
    const ds = await loadDataset(join(root, "youtube/wrench_1686_with_dev"), { seed: 1 });
    const count = (split: string) => ds.rows.filter((r) => r.split === split).length;
    expect([count("train"), count("dev"), count("test")]).toEqual([1686, 120, 250]);
    expect(ds.importedVotes?.L.m).toBe(10);
  });
});
