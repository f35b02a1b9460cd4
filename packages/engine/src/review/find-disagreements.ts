/**
 * Rows whose reviewers gave more than one distinct label, with every label given on them, in
 * order of each row's first annotation. Rows in `decided` (already adjudicated) are left out.
 *
 * @example
 * findDisagreements([{ rowId: "a", label: 0 }, { rowId: "a", label: 1 }, { rowId: "b", label: 1 }]);
 * // [{ rowId: "a", labels: [{ rowId: "a", label: 0 }, { rowId: "a", label: 1 }] }]
 */
export function findDisagreements<T extends { readonly rowId: string; readonly label: number }>(
  annotations: readonly T[],
  decided: ReadonlySet<string> = new Set(),
): { rowId: string; labels: T[] }[] {
  const byRow = new Map<string, T[]>();
  for (const a of annotations) {
    const list = byRow.get(a.rowId);
    if (list) list.push(a);
    else byRow.set(a.rowId, [a]);
  }
  return [...byRow.entries()]
    .filter(([rowId, labels]) => new Set(labels.map((l) => l.label)).size > 1 && !decided.has(rowId))
    .map(([rowId, labels]) => ({ rowId, labels }));
}
