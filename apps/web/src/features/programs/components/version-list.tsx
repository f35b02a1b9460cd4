import Link from "next/link";
import type { ProgramEditorData } from "../server/get-program-editor";

/**
 * The program's versions, newest first; the one in the editor is highlighted.
 *
 * @example
 * <VersionList projectId={p} programId={id} versions={data.versions} shown={2} />
 */
export function VersionList({
  projectId,
  programId,
  versions,
  shown,
}: {
  projectId: string;
  programId: string;
  versions: ProgramEditorData["versions"];
  shown: number;
}) {
  return (
    <aside className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h3 className="text-sm font-semibold uppercase tracking-wide text-slate-500">Versions</h3>
      <ol data-testid="version-list" className="mt-2 space-y-1 text-sm">
        {versions.map((v) => (
          <li key={v.id} data-testid="version-item">
            <Link
              href={`/projects/${projectId}/programs/${programId}?version=${v.version}`}
              className={`flex justify-between rounded px-2 py-1 ${v.version === shown ? "bg-indigo-50 font-medium text-indigo-700" : "hover:bg-slate-50"}`}
            >
              <span>
                v{v.version} <span className="text-xs text-slate-400">{v.kind}</span>
              </span>
              <span className="font-mono text-xs text-slate-400" title={`code hash ${v.codeHash}…`}>
                {v.createdAt.slice(0, 16).replace("T", " ")}
              </span>
            </Link>
          </li>
        ))}
      </ol>
    </aside>
  );
}
