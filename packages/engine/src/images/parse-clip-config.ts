import { z } from "zod";
import { EngineError } from "../errors/engine-error";

const triple = z.tuple([z.number(), z.number(), z.number()]);

const schema = z.strictObject({
  imageSize: z.number().int().min(1).max(4096).default(224),
  /** Shortest-side size before the center crop; CLIP resizes to the crop size itself. */
  resizeTo: z.number().int().min(1).max(4096).optional(),
  mean: triple.default([0.48145466, 0.4578275, 0.40821073]),
  std: triple.refine((s) => s.every((x) => x > 0), "std must be positive").default([0.26862954, 0.26130258, 0.27577711]),
  contextLength: z.number().int().min(2).max(4096).default(77),
  padTokenId: z.number().int().min(0).default(0),
  imageInput: z.string().min(1).default("pixel_values"),
  imageOutput: z.string().min(1).default("image_embeds"),
  textInput: z.string().min(1).default("input_ids"),
  textOutput: z.string().min(1).default("text_embeds"),
  /** Name of the attention-mask input; fed only when the text encoder declares it. */
  attentionMaskInput: z.string().min(1).default("attention_mask"),
});

/** `config.json` of a CLIP model directory, defaults = OpenAI CLIP ViT-B/32. */
export type ClipConfig = z.output<typeof schema> & { readonly resizeTo: number };

/**
 * Parses and validates a CLIP model directory's `config.json` (every key optional); unknown keys
 * and bad values are MODEL_INVALID errors naming the file and the key.
 *
 * @example
 * parseClipConfig('{"imageSize": 224, "contextLength": 77}', "clip/config.json").mean; // CLIP's mean
 */
export function parseClipConfig(text: string, source: string): ClipConfig {
  let raw: unknown;
  try {
    raw = text.trim() === "" ? {} : JSON.parse(text);
  } catch (error) {
    throw new EngineError("MODEL_INVALID", `${source}: not valid JSON (${(error as Error).message})`, { file: source });
  }
  const parsed = schema
    .refine((c) => c.resizeTo === undefined || c.resizeTo >= c.imageSize, { message: "must be >= imageSize", path: ["resizeTo"] })
    .safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.join(".") || (issue.code === "unrecognized_keys" ? issue.keys.join(", ") : "(root)");
    throw new EngineError("MODEL_INVALID", `${source}: ${key}: ${issue.message}`, { file: source });
  }
  return { ...parsed.data, resizeTo: parsed.data.resizeTo ?? parsed.data.imageSize };
}
