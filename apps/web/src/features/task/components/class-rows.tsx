"use client";

type TaskClass = { name: string; description: string };

/**
 * The editable class list in class-index order. With gold labels in the dataset the names and
 * their order are fixed (only descriptions change).
 *
 * @example
 * <ClassRows classes={classes} setClasses={setClasses} locked={false} />
 */
export function ClassRows({ classes, setClasses, locked }: { classes: TaskClass[]; setClasses: (next: TaskClass[]) => void; locked: boolean }) {
  const update = (i: number, patch: Partial<TaskClass>) => setClasses(classes.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <legend className="px-1 text-sm font-medium">Classes</legend>
      {locked && <p className="mb-3 text-xs text-slate-500">Names and order come from the dataset&apos;s gold labels.</p>}
      <ol className="space-y-2">
        {classes.map((c, i) => (
          <li key={i} data-testid="class-row" className="flex items-center gap-2">
            <span className="w-6 rounded bg-indigo-50 text-center font-mono text-xs leading-6 text-indigo-700">{i}</span>
            <input
              name="className"
              aria-label={`Class ${i} name`}
              data-testid={`class-name-${i}`}
              value={c.name}
              readOnly={locked}
              onChange={(e) => update(i, { name: e.target.value })}
              required
              placeholder="name"
              className="input w-40 font-mono read-only:bg-slate-50"
            />
            <input
              name="classDescription"
              aria-label={`Class ${i} description`}
              data-testid={`class-description-${i}`}
              value={c.description}
              onChange={(e) => update(i, { description: e.target.value })}
              placeholder="what belongs to this class"
              className="input flex-1"
            />
            {!locked && classes.length > 2 && (
              <button type="button" onClick={() => setClasses(classes.filter((_, j) => j !== i))} className="btn-secondary" aria-label={`Remove class ${i}`}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ol>
      {!locked && (
        <button type="button" data-testid="add-class" onClick={() => setClasses([...classes, { name: "", description: "" }])} className="btn-secondary mt-3">
          Add class
        </button>
      )}
    </fieldset>
  );
}
