import type { CliContext } from "../cli-context";
import { fetchStudioProjects } from "../studio/fetch-studio-projects";

export interface StudioProjectsOptions {
  readonly url?: string;
  readonly token?: string;
  readonly json?: boolean;
}

/**
 * What `alchemist studio projects` does once its flags are parsed (loaded lazily by
 * `commands/studio.ts`): lists the caller's projects from a running studio's REST API.
 *
 * @example
 * await studioProjectsAction({ url: "http://localhost:3000", token: "alc_..." }, ctx);
 */
export async function studioProjectsAction(options: StudioProjectsOptions, ctx: CliContext): Promise<void> {
  const url = options.url ?? ctx.env.ALCHEMIST_STUDIO_URL;
  if (!url) throw new Error("pass --url (or set ALCHEMIST_STUDIO_URL), e.g. --url http://localhost:3000");
  const projects = await fetchStudioProjects({ url, token: options.token ?? ctx.env.ALCHEMIST_TOKEN ?? "", signal: ctx.signal });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(projects, null, 2)}\n`);
    return;
  }
  if (projects.length === 0) {
    process.stdout.write("no projects (create one in the studio, or ask an owner for an invitation)\n");
    return;
  }
  const width = Math.max(...projects.map((p) => p.id.length));
  for (const p of projects) process.stdout.write(`${p.id.padEnd(width)}  ${p.role.toLowerCase().padEnd(8)}  ${p.name}\n`);
}
