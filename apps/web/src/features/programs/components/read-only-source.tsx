/**
 * A program's code for members who may read but not edit it: numbered lines in the editor's
 * colours, selectable for copying, with no editor, shortcuts or form behind it.
 *
 * @example
 * <ReadOnlySource source={"def label_function(text):\n    return -1"} language="python" />
 */
export function ReadOnlySource({ source, language }: { source: string; language: "python" | "javascript" }) {
  const lines = source.split("\n");
  return (
    <div
      data-testid="program-source-readonly"
      data-language={language}
      className="max-h-[32rem] overflow-auto rounded-lg border border-slate-300 bg-slate-950 shadow-sm"
    >
      <pre aria-label={`Program source (${language}, read-only)`} className="flex min-w-fit font-mono text-[13px] leading-5">
        <code aria-hidden className="select-none bg-slate-900 px-3 py-3 text-right text-slate-500">
          {lines.map((_, i) => (
            <span key={i} className="block">
              {i + 1}
            </span>
          ))}
        </code>
        <code className="flex-1 px-3 py-3 text-slate-100">{source}</code>
      </pre>
    </div>
  );
}
