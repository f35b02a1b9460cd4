import { EngineError } from "../errors/engine-error";

/** US dollars per million tokens. */
export interface ModelPrice {
  readonly inputPerMTok: number;
  readonly outputPerMTok: number;
}

export interface PriceTable {
  /** When the prices were read off the vendors' public pricing pages. */
  readonly asOf: string;
  readonly models: Readonly<Record<string, ModelPrice>>;
}

/**
 * Default list prices (standard tier, no batch or cache discounts) from openai.com/api/pricing
 * and anthropic.com/pricing. Prices change: override with a JSON file of the same shape.
 */
export const DEFAULT_PRICES: PriceTable = {
  asOf: "2025-06-01",
  models: {
    "gpt-4o": { inputPerMTok: 2.5, outputPerMTok: 10 },
    "gpt-4o-mini": { inputPerMTok: 0.15, outputPerMTok: 0.6 },
    "gpt-4.1": { inputPerMTok: 2, outputPerMTok: 8 },
    "gpt-4.1-mini": { inputPerMTok: 0.4, outputPerMTok: 1.6 },
    "gpt-4.1-nano": { inputPerMTok: 0.1, outputPerMTok: 0.4 },
    "gpt-3.5-turbo": { inputPerMTok: 0.5, outputPerMTok: 1.5 },
    "claude-opus-4": { inputPerMTok: 15, outputPerMTok: 75 },
    "claude-sonnet-4": { inputPerMTok: 3, outputPerMTok: 15 },
    "claude-3-7-sonnet": { inputPerMTok: 3, outputPerMTok: 15 },
    "claude-3-5-haiku": { inputPerMTok: 0.8, outputPerMTok: 4 },
    "claude-3-haiku": { inputPerMTok: 0.25, outputPerMTok: 1.25 },
  },
};

/**
 * The price of `model`: an exact entry, else the longest entry that prefixes it (so dated
 * snapshots like `gpt-4o-mini-2024-07-18` or `claude-sonnet-4-20250514` find their family),
 * else `undefined` (local models: free).
 *
 * @example
 * priceFor("gpt-4o-mini-2024-07-18"); // { inputPerMTok: 0.15, outputPerMTok: 0.6 }
 */
export function priceFor(model: string, table: PriceTable = DEFAULT_PRICES): ModelPrice | undefined {
  const exact = table.models[model];
  if (exact) return exact;
  const prefix = Object.keys(table.models)
    .filter((name) => model.startsWith(`${name}-`))
    .sort((a, b) => b.length - a.length)[0];
  return prefix === undefined ? undefined : table.models[prefix];
}

/**
 * Dollars for one call: tokens x price per million. Unknown models cost 0.
 *
 * @example
 * callCostUsd("gpt-4o-mini", 1000, 500); // 0.00045
 */
export function callCostUsd(model: string, inputTokens: number, outputTokens: number, table: PriceTable = DEFAULT_PRICES): number {
  if (!(inputTokens >= 0) || !(outputTokens >= 0))
    throw new EngineError("INVALID_ARGUMENT", `token counts must be >= 0, got ${inputTokens} in / ${outputTokens} out`);
  const price = priceFor(model, table);
  if (!price) return 0;
  return (inputTokens * price.inputPerMTok + outputTokens * price.outputPerMTok) / 1_000_000;
}

/**
 * Validates a user's price table (parsed JSON): `{asOf?, models: {name: {inputPerMTok, outputPerMTok}}}`,
 * merged over the defaults.
 *
 * @example
 * const table = parsePriceTable(JSON.parse(text), "prices.json");
 */
export function parsePriceTable(value: unknown, source: string): PriceTable {
  const models = (value as { models?: unknown } | null)?.models;
  if (typeof models !== "object" || models === null)
    throw new EngineError("INVALID_ARGUMENT", `${source}: expected {"models": {"<model>": {"inputPerMTok": n, "outputPerMTok": n}}}`);
  const merged: Record<string, ModelPrice> = { ...DEFAULT_PRICES.models };
  for (const [name, price] of Object.entries(models as Record<string, unknown>)) {
    const p = price as Partial<ModelPrice> | null;
    if (typeof p?.inputPerMTok !== "number" || typeof p.outputPerMTok !== "number" || p.inputPerMTok < 0 || p.outputPerMTok < 0) {
      throw new EngineError("INVALID_ARGUMENT", `${source}: models.${name} needs non-negative numbers inputPerMTok and outputPerMTok`);
    }
    merged[name] = { inputPerMTok: p.inputPerMTok, outputPerMTok: p.outputPerMTok };
  }
  const asOf = (value as { asOf?: unknown }).asOf;
  return { asOf: typeof asOf === "string" ? asOf : `${source} over defaults of ${DEFAULT_PRICES.asOf}`, models: merged };
}
