import { z } from "zod";

const ProjectList = z.object({
  projects: z.array(z.object({ id: z.string(), name: z.string(), description: z.string(), role: z.string(), createdAt: z.string() })),
});

/** One project of the studio's `GET /api/projects`. */
export type StudioProject = z.infer<typeof ProjectList>["projects"][number];

/**
 * Lists the projects the API token's user belongs to, from a running studio. Errors name the
 * URL and the studio's own message (401: bad or revoked token).
 *
 * @example
 * const projects = await fetchStudioProjects({ url: "http://localhost:3000", token: process.env.ALCHEMIST_TOKEN! });
 */
export async function fetchStudioProjects(options: { url: string; token: string; signal?: AbortSignal; fetch?: typeof fetch }): Promise<StudioProject[]> {
  let base: URL;
  try {
    base = new URL(options.url);
  } catch {
    throw new Error(`--url must be the studio's address, e.g. http://localhost:3000; got "${options.url}"`);
  }
  if (base.protocol !== "http:" && base.protocol !== "https:") throw new Error(`--url must be http(s), got ${base.protocol}`);
  if (!options.token.trim()) throw new Error("an API token is needed: pass --token or set ALCHEMIST_TOKEN (create one on the studio's Account page)");
  const endpoint = new URL("api/projects", base.href.endsWith("/") ? base.href : `${base.href}/`);
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(endpoint, {
      headers: { authorization: `Bearer ${options.token.trim()}`, accept: "application/json" },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    throw new Error(`${endpoint.href}: cannot reach the studio (${(error as Error).message})`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${endpoint.href}: HTTP ${response.status}, not JSON (is --url the studio?)`);
  }
  if (!response.ok) {
    const message = typeof (body as { error?: unknown })?.error === "string" ? (body as { error: string }).error : text.slice(0, 200);
    throw new Error(`${endpoint.href}: HTTP ${response.status}: ${message}${response.status === 401 ? " (check the token; it may be revoked)" : ""}`);
  }
  const parsed = ProjectList.safeParse(body);
  if (!parsed.success) throw new Error(`${endpoint.href}: unexpected answer: ${parsed.error.issues[0]?.message ?? "bad shape"}`);
  return parsed.data.projects;
}
