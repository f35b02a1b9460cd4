import { getProjectHeader } from "@/features/shell";
import { ProjectHeader } from "@/features/shell/client";
import { getTaskForm } from "../server/get-task-form";
import { TaskForm } from "./task-form";
import { getTaskExtras } from "../server/task-extras";
import { DocumentsSection } from "./documents-section";
import { SupplementaryForm } from "./supplementary-form";
import { TemplateEditor } from "./template-editor";
import { ConceptsSection } from "@/features/images";
import { authorizeProjectPage } from "@/features/auth";
import { RoleGate } from "@/features/auth/client";

/**
 * `/projects/[projectId]/task`: define or edit the labeling task (editors, owners; the other roles
 * read it with every control disabled).
 *
 * @example
 * <TaskPage projectId={projectId} />
 */
export async function TaskPage({ projectId }: { projectId: string }) {
  const project = await getProjectHeader(projectId);
  const actor = await authorizeProjectPage(projectId, "read");
  const form = await getTaskForm(projectId, project.name);
  // supplementary info and the template refer to the saved task's classes and language
  const extras = form.saved
    ? await getTaskExtras(
        projectId,
        form.classes.map((c) => c.name),
      )
    : null;
  return (
    <article data-testid="task-page" className="space-y-6">
      <ProjectHeader project={project} current="task" title={form.saved ? "Task" : "Define the task"} />
      <RoleGate role={actor.role} need="edit" what="Changing the task, its supplementary info, documents and prompt template">
        <TaskForm projectId={projectId} initial={form} />
        <ConceptsSection projectId={projectId} />
        {extras ? (
          <>
            <SupplementaryForm projectId={projectId} extras={extras} />
            <DocumentsSection projectId={projectId} documents={extras.documents} />
            <TemplateEditor projectId={projectId} template={extras.template} language={form.language} />
          </>
        ) : (
          <p className="text-sm text-slate-600">Save the task to add supplementary info, documents and a prompt template.</p>
        )}
      </RoleGate>
    </article>
  );
}
