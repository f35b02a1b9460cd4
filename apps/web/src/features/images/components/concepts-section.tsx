import { roleAllows } from "@alchemist/engine";
import { CONCEPT_PROVIDERS } from "@alchemist/jobs";
import { authorizeProjectPage } from "@/features/auth";
import { getProjectImageDataset } from "../server/image-datasets";
import { ConceptsForm } from "./concepts-form";

/**
 * The task page's concepts for an image project (nothing for a text project): what every picture
 * of the newest image dataset is scored on with CLIP, editable by editors.
 *
 * @example
 * <ConceptsSection projectId={projectId} />
 */
export async function ConceptsSection({ projectId }: { projectId: string }) {
  const images = await getProjectImageDataset(projectId);
  if (!images) return null;
  const actor = await authorizeProjectPage(projectId, "read");
  return (
    <section data-testid="concepts-section" className="space-y-2 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-lg font-semibold">Concepts</h2>
      <p className="text-sm text-slate-600">
        The {images.rowCount} pictures of “{images.name}” are scored on these concepts with CLIP; programs read the scores as{" "}
        <code>s[&quot;concept&quot;]</code>
        (the task&apos;s input field is <code>scores</code>). Saving scores the stored embeddings again (no picture is embedded twice) and drops the
        programs&apos; votes on the old scores.
      </p>
      <ConceptsForm
        projectId={projectId}
        datasetId={images.id}
        concepts={images.concepts}
        insights={images.insights}
        canEdit={roleAllows(actor.role, "edit")}
        providers={CONCEPT_PROVIDERS}
      />
    </section>
  );
}
