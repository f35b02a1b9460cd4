"use client";

import { classCounts, type LabelMapChoice } from "../label-map-preview";

/**
 * The label map of an upload's gold column: one row per raw value seen in the preview (with its
 * count) and a class to send it to (or no gold), then the rows per class this gives, before the
 * import. The map travels as JSON in the `labelMap` field of the mapping form.
 *
 * @example
 * <LabelMapEditor counts={{ "1": 633, "2": 299 }} classNames={["neoplasms", "digestive"]} map={map} onChange={setMap} partial={false} />
 */
export function LabelMapEditor({
  counts,
  classNames,
  map,
  onChange,
  partial,
}: {
  counts: Readonly<Record<string, number>>;
  classNames: readonly string[];
  map: LabelMapChoice;
  onChange: (map: LabelMapChoice) => void;
  partial: boolean;
}) {
  const values = Object.keys(counts)
    .filter((v) => v.trim() !== "")
    .sort((a, b) => counts[b]! - counts[a]! || a.localeCompare(b));
  const { perClass, noGold } = classCounts(counts, map, classNames);
  return (
    <div data-testid="label-map" className="space-y-3 text-sm md:col-span-2">
      <input type="hidden" name="labelMap" value={JSON.stringify(map)} />
      <div className="font-medium">Label map: raw gold values to classes</div>
      <table className="w-full max-w-xl text-xs">
        <thead className="text-left text-slate-500">
          <tr>
            <th className="py-1">Value in the file</th>
            <th>Rows</th>
            <th>Class</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {values.map((value) => (
            <tr key={value}>
              <td className="py-1 font-mono">{value}</td>
              <td>{counts[value]!.toLocaleString("en-US")}</td>
              <td>
                <select
                  data-testid={`label-map-${value}`}
                  className="input py-0.5"
                  value={map[value.trim()] ?? ""}
                  onChange={(e) => onChange({ ...map, [value.trim()]: e.target.value === "" ? null : e.target.value })}
                >
                  <option value="">— no gold —</option>
                  {classNames.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div>
        <div className="text-xs text-slate-500">Rows per class {partial ? "in the previewed rows" : "in the file"}:</div>
        <ul data-testid="class-counts" className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {classNames.map((c, i) => (
            <li key={c} data-testid={`class-count-${c}`}>
              <span className="font-medium">{c}</span> {perClass[i]!.toLocaleString("en-US")}
            </li>
          ))}
          <li data-testid="class-count-none" className="text-slate-500">
            no gold {noGold.toLocaleString("en-US")}
          </li>
        </ul>
      </div>
    </div>
  );
}
