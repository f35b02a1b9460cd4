import "server-only";
import { z } from "zod";
import { getPrisma, recordAudit, setProjectLlmBudget } from "@alchemist/db";
import { getEnv } from "@/env";

/** Dollars, or an empty field for "no budget". */
export const SetBudgetInput = z.object({
  projectId: z.string().min(1).max(100),
  budgetUsd: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? null : typeof value === "string" ? Number(value.trim().replace(/^\$/, "")) : value),
    z
      .number({ error: "the budget must be a number of dollars, e.g. 5 or 12.50 (empty for no budget)" })
      .finite("the budget must be a number of dollars")
      .min(0, "the budget cannot be negative (empty for no budget)")
      .max(1_000_000, "budgets above $1,000,000 are refused: leave the field empty for no budget")
      .nullable(),
  ),
});

/**
 * Sets (or clears, with null) the project's LLM spend cap, audited as `project.budget` with the
 * old and new values. Generation requests stop once the ledger reaches it.
 *
 * @example
 * await setLlmBudget({ projectId, budgetUsd: 5 }, actor.userId);
 */
export async function setLlmBudget(input: z.infer<typeof SetBudgetInput>, actorId: string): Promise<void> {
  getEnv();
  const db = getPrisma();
  const before = await db.project.findUniqueOrThrow({ where: { id: input.projectId }, select: { llmBudgetUsd: true } });
  await setProjectLlmBudget(db, input.projectId, input.budgetUsd);
  await recordAudit(db, {
    projectId: input.projectId,
    actorId,
    action: "project.budget",
    targetType: "project",
    targetId: input.projectId,
    details: { from: before.llmBudgetUsd, to: input.budgetUsd },
  });
}
