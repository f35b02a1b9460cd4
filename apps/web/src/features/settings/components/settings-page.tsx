import { authorizeProjectPage } from "@/features/auth";
import { getProjectHeader } from "@/features/shell";
import { ProjectHeader } from "@/features/shell/client";
import { listSecrets } from "../server/secrets-service";
import { DeleteSecretButton } from "./delete-secret-button";
import { SecretForm } from "./secret-form";
import { getRunSettings } from "../server/run-settings-service";
import { RunSettingsForm } from "./run-settings-form";
import { DeleteProjectForm, RenameProjectForm } from "./project-admin-forms";

const PROVIDER_LABELS: Record<string, string> = { openai: "OpenAI", anthropic: "Anthropic", "openai-compatible": "OpenAI-compatible server" };

/**
 * `/projects/[projectId]/settings` (owners): the project's name, its LLM provider keys, the
 * settings new runs start with, and deleting it. Keys are encrypted at rest; this page only ever receives their last 4 characters.
 *
 * @example
 * <SettingsPage projectId={projectId} />
 */
export async function SettingsPage({ projectId }: { projectId: string }) {
  const project = await getProjectHeader(projectId);
  await authorizeProjectPage(projectId, "manage");
  const [secrets, runSettings] = await Promise.all([listSecrets(projectId), getRunSettings(projectId)]);
  return (
    <article data-testid="settings-page" className="space-y-6">
      <ProjectHeader project={project} current="settings" title="Settings" />
      <section className="max-w-xl space-y-3">
        <h3 className="font-semibold">Project</h3>
        <RenameProjectForm key={`${project.name}\u0000${project.description}`} projectId={projectId} name={project.name} description={project.description} />
      </section>
      <section className="space-y-3">
        <div>
          <h3 className="font-semibold">LLM provider keys</h3>
          <p className="text-sm text-slate-600">
            Used by this project&apos;s generate and refine jobs instead of the worker&apos;s own keys. Keys are encrypted (AES-256-GCM), decrypted only inside
            the worker at run time, and never shown again: only their last 4 characters.
          </p>
        </div>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table data-testid="secrets-table" className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-3">Provider</th>
                <th className="px-4 py-3">Key</th>
                <th className="px-4 py-3">Server</th>
                <th className="px-4 py-3">Set by</th>
                <th className="px-4 py-3">When (UTC)</th>
                <th className="px-4 py-3" />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {secrets.length === 0 && (
                <tr>
                  <td colSpan={6} className="px-4 py-3 text-slate-500">
                    No keys yet: jobs use the worker&apos;s environment keys, if any.
                  </td>
                </tr>
              )}
              {secrets.map((s) => (
                <tr key={s.provider} data-testid={`secret-${s.provider}`}>
                  <td className="px-4 py-3 font-medium">{PROVIDER_LABELS[s.provider] ?? s.provider}</td>
                  <td className="px-4 py-3 font-mono" data-testid="secret-last4">
                    ••••{s.last4}
                  </td>
                  <td className="px-4 py-3 font-mono text-xs text-slate-600">{s.baseUrl ?? ""}</td>
                  <td className="px-4 py-3 text-slate-600">{s.updatedBy ?? "unknown"}</td>
                  <td className="px-4 py-3 font-mono text-xs text-slate-500">{s.updatedAt.slice(0, 19).replace("T", " ")}</td>
                  <td className="px-4 py-3 text-right">
                    <DeleteSecretButton projectId={projectId} provider={s.provider} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <SecretForm projectId={projectId} />
      </section>
      <section className="space-y-3">
        <div>
          <h3 className="font-semibold">Runs</h3>
          <p className="text-sm text-slate-600">
            What the next runs start with. A program that exceeds its budget, or faults too many rows in a row, is stopped: its remaining rows abstain and the
            programs table says where and why. A run keeps the settings it started with.
          </p>
        </div>
        <RunSettingsForm projectId={projectId} settings={runSettings} />
      </section>
      <section className="max-w-xl space-y-3">
        <h3 className="font-semibold text-rose-800">Delete the project</h3>
        <DeleteProjectForm projectId={projectId} name={project.name} />
      </section>
    </article>
  );
}
