import Link from "next/link";
import { roleAllows } from "@alchemist/engine";
import { authorizeProjectPage } from "@/features/auth";
import { getProjectHeader } from "@/features/shell";
import { ProjectHeader } from "@/features/shell/client";
import { formatPercent } from "@/lib/format-percent";
import { isModelActive } from "../model-view";
import { imageTrainFeatures } from "@/features/images";
import { getTrainPage } from "../server/get-train-page";
import { LiveModel } from "./live-model";
import { StartTrainingForm } from "./start-training-form";

const th = "px-3 py-2";

/**
 * `/projects/[projectId]/train`: distil the MLP from a finished run's pseudolabels, follow its
 * loss curve live, read its test metrics and confusion matrix, download it as ONNX, and go on
 * to label new data with it.
 *
 * @example
 * <TrainPage projectId={id} runId={undefined} modelId={undefined} />
 */
export async function TrainPage({ projectId, runId, modelId }: { projectId: string; runId?: string | undefined; modelId?: string | undefined }) {
  const [project, actor, data] = await Promise.all([
    getProjectHeader(projectId),
    authorizeProjectPage(projectId, "read"),
    getTrainPage(projectId, { runId, modelId }),
  ]);
  const canEdit = roleAllows(actor.role, "edit");
  const imageFeatures = data.run ? await imageTrainFeatures(projectId, data.run.id) : null;
  const training = data.models.some((m) => isModelActive(m.status));
  return (
    <article data-testid="train-page" className="space-y-6">
      <ProjectHeader project={project} current="train" title="Train" />
      <p className="max-w-3xl text-sm text-slate-600">
        A small MLP (hashed TF-IDF features, two hidden layers) learns from the run&apos;s pseudolabels on the train rows — train gold labels are never used.
        Dev gold stops training early; test gold only scores the final model. The model labels new data for free.
      </p>
      {!data.run ? (
        <p data-testid="train-empty" className="rounded-lg border border-dashed border-slate-300 p-6 text-slate-600">
          No finished run yet: apply the programs from the overview first.
        </p>
      ) : (
        <>
          <div className="flex flex-wrap items-end justify-between gap-4">
            <form method="get" action={`/projects/${projectId}/train`} className="flex items-center gap-2 text-sm" data-testid="run-picker">
              <label htmlFor="run" className="text-slate-600">
                Run
              </label>
              <select id="run" name="run" defaultValue={data.run.id} className="rounded border border-slate-300 bg-white px-2 py-1">
                {data.runs.map((r, i) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                    {i === 0 ? " (latest)" : ""} · {r.createdAt.slice(0, 16).replace("T", " ")} UTC{r.labelModel ? ` · ${r.labelModel}` : ""}
                  </option>
                ))}
              </select>
              <button type="submit" className="btn-secondary">
                Show
              </button>
            </form>
            {canEdit && <StartTrainingForm projectId={projectId} runId={data.run.id} disabled={training} imageFeatures={imageFeatures} />}
          </div>
          {!data.hasPseudolabels && (
            <p data-testid="no-pseudolabels" className="text-sm text-amber-800">
              This run&apos;s label model has not been fitted yet: training fits it first (see the Label model page to compare models).
            </p>
          )}
          {data.model ? (
            <LiveModel
              key={data.model.id}
              projectId={projectId}
              initial={data.model}
              name={data.modelNames[data.model.id] ?? "Model"}
              labelModelScores={data.labelModelScores}
              canEdit={canEdit}
            />
          ) : (
            <p data-testid="no-models" className="rounded-lg border border-dashed border-slate-300 p-6 text-slate-600">
              No model trained from this run yet.
            </p>
          )}
          {data.models.length > 1 && (
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
              <table data-testid="model-list" className="w-full text-sm">
                <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                  <tr>
                    <th className={th}>Model</th>
                    <th className={th}>Status</th>
                    <th className={`${th} text-right`}>Epochs</th>
                    <th className={`${th} text-right`}>Test accuracy</th>
                    <th className={`${th} text-right`}>Test F1</th>
                    <th className={th} />
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {data.models.map((m) => (
                    <tr key={m.id} className={m.id === data.model?.id ? "bg-indigo-50/50" : ""}>
                      <td className={th}>
                        <Link prefetch={false} className="text-indigo-700 hover:underline" href={`/projects/${projectId}/train?run=${m.runId}&model=${m.id}`}>
                          {data.modelNames[m.id] ?? "Model"}
                        </Link>
                        <div className="text-xs text-slate-500">{m.createdAt.slice(0, 16).replace("T", " ")} UTC</div>
                      </td>
                      <td className={th}>{m.status.toLowerCase()}</td>
                      <td className={`${th} text-right tabular-nums`}>{m.lossCurve.length}</td>
                      {/* A multi-label model: exact-set accuracy and micro-F1. */}
                      <td className={`${th} text-right tabular-nums`}>{formatPercent(m.metrics?.accuracy ?? m.multiLabelMetrics?.subsetAccuracy)}</td>
                      <td className={`${th} text-right tabular-nums`}>
                        {m.metrics ? m.metrics.f1.toFixed(3) : m.multiLabelMetrics ? `${m.multiLabelMetrics.microF1.toFixed(3)} (micro)` : "—"}
                      </td>
                      <td className={th}>
                        {m.status === "SUCCEEDED" && (
                          <a className="text-indigo-700 hover:underline" href={`/api/projects/${projectId}/models/${m.id}/onnx`} download>
                            ONNX
                          </a>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </article>
  );
}
