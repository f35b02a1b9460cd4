"use client";

import { useActionState, useState } from "react";
import { saveTaskAction } from "../actions";
import type { TaskFormData } from "../server/get-task-form";
import { FormError, SubmitButton, useHydrated } from "@/features/shell/client";
import { ClassRows } from "./class-rows";

/**
 * The task editor: name, description, classes with descriptions (add/remove), input field(s),
 * program language and function name.
 *
 * @example
 * <TaskForm projectId={id} initial={form} />
 */
export function TaskForm({ projectId, initial }: { projectId: string; initial: TaskFormData }) {
  const [state, action] = useActionState(saveTaskAction, null);
  const [classes, setClasses] = useState(initial.classes);
  const hydrated = useHydrated();
  const inputs = initial.columns.length ? initial.columns : initial.input;
  return (
    <form action={action} data-testid="task-form" data-ready={hydrated} className="space-y-6">
      <input type="hidden" name="projectId" value={projectId} />
      <div className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm md:grid-cols-2">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Task name</span>
          <input name="name" data-testid="task-name" defaultValue={initial.name} required maxLength={200} className="input" />
        </label>
        <fieldset className="text-sm">
          <legend className="font-medium">Input field(s)</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {inputs.map((c) => (
              <label key={c} className="flex items-center gap-1.5">
                <input type="checkbox" name="input" value={c} defaultChecked={initial.input.includes(c)} data-testid={`task-input-${c}`} /> {c}
              </label>
            ))}
          </div>
          <span className="text-xs text-slate-500">One field passes its value; several pass a record of them.</span>
        </fieldset>
        <label className="flex flex-col gap-1 text-sm md:col-span-2">
          <span className="font-medium">Description</span>
          <textarea
            name="description"
            data-testid="task-description"
            defaultValue={initial.description}
            rows={3}
            maxLength={10_000}
            className="input"
            placeholder="What is being labeled, and what decides the label."
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Program language</span>
          <select name="language" defaultValue={initial.language} data-testid="task-language" className="input">
            <option value="python">Python</option>
            <option value="javascript">JavaScript</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Function name</span>
          <input name="functionName" defaultValue={initial.functionName} required className="input font-mono" />
        </label>
      </div>
      <ClassRows classes={classes} setClasses={setClasses} locked={initial.datasetClasses !== null} />
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="multiLabel" data-testid="task-multi-label" defaultChecked={initial.multiLabel} className="mt-1" />
        <span>
          <span className="font-medium">Multi-label</span>
          <span className="block text-xs text-slate-500">
            Any number of classes may apply to a row (at most 6 classes): programs return a list of classes or -1, gold is a list per row (sports|tech or a JSON
            list). Set it before the first run: switching it later is refused.
          </span>
        </span>
      </label>
      <div className="flex items-center gap-3">
        <SubmitButton testId="save-task" busy="Saving…">
          Save task
        </SubmitButton>
        {state?.ok && (
          <span data-testid="task-saved" className="text-sm text-emerald-700">
            Saved.
          </span>
        )}
        <FormError state={state} />
      </div>
    </form>
  );
}
