import type { MockRequest } from "./mock-llm-server";

const ASK = /What are the visual primitive concepts to classify ([\s\S]*?)\? Please organize/;
/** Concepts the shapes world's tiny CLIP separates, for the classes it knows. */
const KNOWN: Readonly<Record<string, string>> = { circle: "a round circle", square: "a square with sharp corners" };

const firstUserTurn = (request: MockRequest): string => String(request.body.messages.find((m) => m.role === "user")?.content ?? "");

/**
 * True for the image flow's concept prompt (`conceptPrompt`).
 *
 * @example
 * if (isConceptPrompt(req)) return { text: conceptReply(req) };
 */
export function isConceptPrompt(request: MockRequest): boolean {
  return ASK.test(firstUserTurn(request));
}

/**
 * A deterministic concept answer for the mock LLM server, in the JSON the prompt asks for: one
 * concept per class named in the prompt (the shapes world's own concepts for circle and square,
 * "a picture of a <class>" otherwise), then two background concepts.
 *
 * @example
 * const mock = await startMockLlmServer((req) => ({ text: conceptReply(req) }));
 */
export function conceptReply(request: MockRequest): string {
  const list = ASK.exec(firstUserTurn(request))?.[1] ?? "";
  const classes = [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
  const concepts = [...classes.map((c) => KNOWN[c] ?? `a picture of a ${c}`), "blue water", "green grass"];
  return `Here are the concepts:\n\`\`\`json\n${JSON.stringify({ concepts })}\n\`\`\``;
}

const INSIGHTS = /List visual features that are SPURIOUS/;

/**
 * True for RoboShot's insight prompt (`insightPrompt`).
 *
 * @example
 * if (isInsightPrompt(req)) return { text: insightReply() };
 */
export function isInsightPrompt(request: MockRequest): boolean {
  return INSIGHTS.test(firstUserTurn(request));
}

/**
 * A deterministic insight answer: the shapes world's spurious background pair as harmful and its
 * outline pair as helpful, in the JSON the prompt asks for.
 *
 * @example
 * const mock = await startMockLlmServer(() => ({ text: insightReply() }));
 */
export function insightReply(): string {
  return JSON.stringify({ harmful: [["blue water", "green grass"]], helpful: [["a round circle", "a square with sharp corners"]] });
}
