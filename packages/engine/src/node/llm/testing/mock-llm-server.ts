import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface MockRequest {
  readonly api: "openai" | "anthropic";
  readonly body: {
    model: string;
    stream?: boolean;
    messages: { role: string; content: unknown }[];
    system?: unknown;
    temperature?: number;
    max_tokens?: number;
  };
  readonly headers: IncomingMessage["headers"];
}

/** What the server does with one request. */
export type MockReply =
  | { readonly text: string; readonly inputTokens?: number; readonly outputTokens?: number }
  | { readonly status: number; readonly body?: unknown; readonly headers?: Record<string, string> }
  | { readonly hang: true }
  | { readonly malformed: true }
  /** A 401 whose message quotes the API key the request carried, as some providers and proxies do: tests that keys are redacted. */
  | { readonly echoKey: true };

export interface MockLlmServer {
  readonly url: string;
  /** For the OpenAI SDK (with `/v1`). */
  readonly openaiBaseURL: string;
  /** For the Anthropic SDK (without `/v1`). */
  readonly anthropicBaseURL: string;
  readonly requests: MockRequest[];
  /** Requests whose text answer was written to the end (what a provider bills); hung, failed and error replies are not among them. */
  readonly answered: MockRequest[];
  /** Replies used before the handler, first in first out. */
  enqueue(...replies: MockReply[]): void;
  close(): Promise<void>;
}

const tokens = (s: string): number => Math.ceil(s.length / 4);
const sse = (res: ServerResponse, event: string | null, data: unknown): boolean =>
  res.write(`${event ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);

function answer(res: ServerResponse, req: MockRequest, reply: { text: string; inputTokens?: number; outputTokens?: number }): void {
  const input = reply.inputTokens ?? tokens(JSON.stringify(req.body.messages) + String(req.body.system ?? ""));
  const output = reply.outputTokens ?? tokens(reply.text);
  const stream = req.body.stream === true;
  const model = req.body.model;
  if (req.api === "openai") {
    if (!stream) {
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          id: "chatcmpl-mock",
          object: "chat.completion",
          created: 0,
          model,
          choices: [{ index: 0, message: { role: "assistant", content: reply.text, refusal: null }, finish_reason: "stop", logprobs: null }],
          usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output },
        }),
      );
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream" });
    const chunk = (choices: unknown[], usage: unknown = null): unknown => ({
      id: "chatcmpl-mock",
      object: "chat.completion.chunk",
      created: 0,
      model,
      choices,
      usage,
    });
    for (const piece of reply.text.match(/[\s\S]{1,16}/g) ?? []) sse(res, null, chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]));
    sse(res, null, chunk([{ index: 0, delta: {}, finish_reason: "stop" }]));
    sse(res, null, chunk([], { prompt_tokens: input, completion_tokens: output, total_tokens: input + output }));
    sse(res, null, "[DONE]");
    res.end();
    return;
  }
  const message = {
    id: "msg_mock",
    type: "message",
    role: "assistant",
    model,
    content: [{ type: "text", text: reply.text }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage: { input_tokens: input, output_tokens: output },
  };
  if (!stream) {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(message));
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream" });
  sse(res, "message_start", {
    type: "message_start",
    message: { ...message, content: [], stop_reason: null, usage: { input_tokens: input, output_tokens: 0 } },
  });
  sse(res, "content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } });
  for (const piece of reply.text.match(/[\s\S]{1,16}/g) ?? [])
    sse(res, "content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: piece } });
  sse(res, "content_block_stop", { type: "content_block_stop", index: 0 });
  sse(res, "message_delta", { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: output } });
  sse(res, "message_stop", { type: "message_stop" });
  res.end();
}

/**
 * A local HTTP server (127.0.0.1, random port) speaking OpenAI chat completions and Anthropic
 * messages, plain and streaming, with scripted failures (status codes with headers such as
 * retry-after, hangs for timeouts, malformed JSON). Tests drive the real SDKs against it.
 *
 * @example
 * const mock = await startMockLlmServer((req) => ({ text: "```python\ndef label_function(text):\n    return -1\n```" }));
 * const provider = createOpenAiProvider({ apiKey: "test", baseURL: mock.openaiBaseURL });
 * await mock.close();
 */
export async function startMockLlmServer(handler: (request: MockRequest) => MockReply = () => ({ text: "" }), port = 0): Promise<MockLlmServer> {
  const queue: MockReply[] = [];
  const requests: MockRequest[] = [];
  const answered: MockRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    let data = "";
    req.on("data", (c: Buffer) => (data += c.toString("utf8")));
    req.on("end", () => {
      const api = req.url?.startsWith("/v1/chat/completions") ? "openai" : req.url?.startsWith("/v1/messages") ? "anthropic" : undefined;
      if (!api || req.method !== "POST")
        return void res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
      const request: MockRequest = { api, body: JSON.parse(data) as MockRequest["body"], headers: req.headers };
      requests.push(request);
      const reply = queue.shift() ?? handler(request);
      if ("hang" in reply) return void hanging.add(res);
      if ("echoKey" in reply) {
        const key = String(req.headers["x-api-key"] ?? req.headers.authorization ?? "").replace(/^Bearer /, "");
        return void res.writeHead(401, { "content-type": "application/json" }).end(
          JSON.stringify({
            error: {
              type: "invalid_request_error",
              code: "invalid_api_key",
              message: `Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com/account/api-keys.`,
            },
          }),
        );
      }
      if ("malformed" in reply) return void res.writeHead(200, { "content-type": "application/json" }).end('{"choices": [ this is not json');
      if ("status" in reply)
        return void res
          .writeHead(reply.status, { "content-type": "application/json", ...reply.headers })
          .end(JSON.stringify(reply.body ?? { error: { type: "mock_error", message: `mock status ${reply.status}` } }));
      res.on("finish", () => answered.push(request));
      answer(res, request, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    openaiBaseURL: `${url}/v1`,
    anthropicBaseURL: url,
    requests,
    answered,
    enqueue: (...replies) => void queue.push(...replies),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
