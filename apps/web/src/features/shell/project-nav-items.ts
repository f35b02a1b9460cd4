import { roleAllows, type Permission, type ProjectRole } from "@alchemist/engine";

/** One link of the project navigation: `path` is appended to `/projects/<id>`. */
export interface ProjectNavItem {
  readonly key: string;
  readonly label: string;
  readonly path: string;
  /** What the page needs beyond "read" (its 403 otherwise); the link is left out for roles without it. */
  readonly need?: Permission;
  /** Other path prefixes that belong to this item (nested pages: a program, a batch). */
  readonly also?: readonly string[];
}

/** A step of the workflow (Data -> Programs -> Model -> Review -> Deliver) or the settings. */
export interface ProjectNavGroup {
  readonly key: string;
  readonly label: string;
  readonly items: readonly ProjectNavItem[];
  /** Path prefixes of pages that belong to the group without being one of its links. */
  readonly also?: readonly string[];
}

/** The workflow, in the order people go through it. */
export const WORKFLOW_GROUPS: readonly ProjectNavGroup[] = [
  {
    key: "data",
    label: "Data",
    also: ["/datasets"],
    items: [
      { key: "data", label: "Import", path: "/datasets/new", need: "edit" },
      { key: "task", label: "Task", path: "/task" },
    ],
  },
  {
    key: "programs",
    label: "Programs",
    also: ["/programs"],
    items: [
      { key: "generate", label: "Generate", path: "/generate" },
      { key: "programs", label: "New program", path: "/programs/new", need: "edit" },
      { key: "analysis", label: "Analysis", path: "/analysis" },
    ],
  },
  {
    key: "model",
    label: "Model",
    items: [
      { key: "label-model", label: "Label model", path: "/label-model" },
      { key: "train", label: "Train", path: "/train" },
      { key: "runs", label: "Runs", path: "/runs" },
    ],
  },
  { key: "review", label: "Review", items: [{ key: "review", label: "Review", path: "/review" }] },
  {
    key: "deliver",
    label: "Deliver",
    items: [
      { key: "predict", label: "Label new data", path: "/predict" },
      { key: "exports", label: "Exports", path: "/exports" },
    ],
  },
];

/** Project administration, kept apart from the workflow. */
export const SETTINGS_GROUP: ProjectNavGroup = {
  key: "settings",
  label: "Project",
  items: [
    { key: "jobs", label: "Jobs", path: "/jobs" },
    { key: "costs", label: "Costs", path: "/costs" },
    { key: "members", label: "Members", path: "/members" },
    { key: "audit", label: "Audit", path: "/audit", need: "manage" },
    { key: "settings", label: "Settings", path: "/settings", need: "manage" },
  ],
};

export const OVERVIEW_ITEM: ProjectNavItem = { key: "overview", label: "Overview", path: "" };

/**
 * The links a role may follow (the engine's `roleAllows` on each item's `need`): a page the role
 * would get a 403 from is not offered.
 *
 * @example
 * itemsFor(SETTINGS_GROUP.items, "EDITOR").map((i) => i.key); // ["jobs", "costs", "members"]
 */
export function itemsFor(items: readonly ProjectNavItem[], role: ProjectRole): ProjectNavItem[] {
  return items.filter((item) => roleAllows(role, item.need ?? "read"));
}

const within = (rest: string, prefix: string) => rest === prefix || rest.startsWith(`${prefix}/`);

/**
 * Which group and item a project URL belongs to: the item whose path (or `also` prefix) is the
 * longest match, else the group with a matching `also` prefix (a program page is in Programs
 * without being "New program"). Nulls for URLs outside the project.
 *
 * @example
 * activeProjectNav("/projects/p1/programs/abc", "p1"); // { group: "programs", item: null }
 * activeProjectNav("/projects/p1/review/batches/b1", "p1"); // { group: "review", item: "review" }
 */
export function activeProjectNav(pathname: string, projectId: string): { group: string | null; item: string | null } {
  const base = `/projects/${projectId}`;
  if (!within(pathname, base)) return { group: null, item: null };
  const rest = pathname.slice(base.length).replace(/\/$/, "");
  if (rest === "") return { group: "overview", item: "overview" };
  let best: { group: string; item: string | null; length: number } | null = null;
  for (const group of [...WORKFLOW_GROUPS, SETTINGS_GROUP]) {
    for (const item of group.items) {
      for (const prefix of [item.path, ...(item.also ?? [])]) {
        if (within(rest, prefix) && (!best || prefix.length > best.length)) best = { group: group.key, item: item.key, length: prefix.length };
      }
    }
    for (const prefix of group.also ?? []) {
      if (within(rest, prefix) && (!best || prefix.length > best.length)) best = { group: group.key, item: null, length: prefix.length };
    }
  }
  return best ? { group: best.group, item: best.item } : { group: null, item: null };
}
