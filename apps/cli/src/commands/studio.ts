import type { Command } from "commander";
import type { StudioProjectsOptions } from "../actions/studio-projects-action";
import type { CliContext } from "../cli-context";

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
    .action(async (options: StudioProjectsOptions) => (await import("../actions/studio-projects-action")).studioProjectsAction(options, ctx));
}
