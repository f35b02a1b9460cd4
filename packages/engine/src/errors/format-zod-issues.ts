/** The part of a zod issue a message needs (zod's `$ZodIssue` fits). */
export interface IssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * zod issues as one line a person can act on: "path: message; path: message", with `root` naming
 * an issue that has no path (default "input"); `first` keeps only the first issue.
 *
 * @example
 * formatZodIssues(z.object({ n: z.number() }).safeParse({ n: "x" }).error!); // "n: Invalid input: expected number, received string"
 * formatZodIssues(error, { root: "body", first: true });
 */
export function formatZodIssues(error: { readonly issues: readonly IssueLike[] }, options: { readonly root?: string; readonly first?: boolean } = {}): string {
  const root = options.root ?? "input";
  const issues = options.first ? error.issues.slice(0, 1) : error.issues;
  if (issues.length === 0) return `${root}: invalid`;
  return issues.map((issue) => `${issue.path.map(String).join(".") || root}: ${issue.message}`).join("; ");
}
