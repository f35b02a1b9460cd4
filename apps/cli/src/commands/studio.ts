import type { Command } from "commander";
import type { CliContext } from "../cli-context";
import { fetchStudioProjects } from "../studio/fetch-studio-projects";

/**
 * `alchemist studio projects`: talks to a running studio's REST API with a personal API token
 * (`--token` or ALCHEMIST_TOKEN) and lists the caller's projects.
 *
 * @example
 * registerStudio(program, ctx); // alchemist studio projects --url http://localhost:3000 --token alc_...
 */
export function registerStudio(program: Command, ctx: CliContext): void {
  const studio = program.command("studio").description("use a running Alchemist Studio over its REST API");
  studio
    .command("projects")
    .description("list your studio projects (id, your role, name)")
    .option("--url <url>", "the studio's address (or ALCHEMIST_STUDIO_URL)")
    .option("--token <token>", "a personal API token from the studio's Account page (or ALCHEMIST_TOKEN)")
    .option("--json", "print JSON instead of a table")
    .action(async (options: { url?: string; token?: string; json?: boolean }) => {
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
    });
}
