import type { UploadPreview } from "../upload-preview";

/**
 * The first rows of an upload as the server parsed them, one column per field.
 *
 * @example
 * <PreviewTable preview={preview} />
 */
export function PreviewTable({ preview }: { preview: UploadPreview }) {
  return (
    <section className="space-y-2">
      <p className="text-sm text-slate-600">
        <span className="font-medium text-slate-900">{preview.fileName}</span> · {(preview.bytes / 1024).toFixed(1)} KiB · {preview.columns.length} columns ·
        first {preview.rows.length} of{" "}
        {preview.total !== undefined
          ? preview.total.toLocaleString("en-US")
          : preview.more
            ? `more than ${preview.scanned.toLocaleString("en-US")}`
            : preview.scanned.toLocaleString("en-US")}{" "}
        rows
      </p>
      <div className="max-h-80 overflow-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table data-testid="upload-preview" className="w-full text-xs">
          <thead className="sticky top-0 bg-slate-50 text-left font-medium text-slate-500">
            <tr>
              {preview.columns.map((c) => (
                <th key={c} className="px-3 py-2">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {preview.rows.map((row, i) => (
              <tr key={i}>
                {preview.columns.map((c) => (
                  <td key={c} className="max-w-md truncate px-3 py-1.5" title={row[c]}>
                    {row[c]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
