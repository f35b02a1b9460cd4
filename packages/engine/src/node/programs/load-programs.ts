import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import type { Program } from "../../core/program";
import type { ProgramLanguage, TaskSpec } from "../../core/task";
import { EngineError } from "../../errors/engine-error";

const LANGUAGES: Readonly<Record<string, ProgramLanguage>> = { ".py": "python", ".js": "javascript" };
const NAME = /^[A-Za-z0-9_.-]+$/;

async function checkDir(dir: string): Promise<void> {
  let isDir: boolean;
  try {
    isDir = (await stat(dir)).isDirectory();
  } catch (error) {
    throw new EngineError("PROGRAMS_DIR_INVALID", `programs folder ${dir} cannot be read: ${(error as Error).message}`, { dir });
  }
  if (!isDir) throw new EngineError("PROGRAMS_DIR_INVALID", `programs folder ${dir} is a file, not a folder`, { dir });
}

/**
 * Loads one program per `*.py` / `*.js` file of a folder (language by extension, name = file name
 * without extension, function name from the task), sorted by name. Dotfiles, sub-folders and
 * other files are ignored; names must be unique and match `[A-Za-z0-9_.-]+`.
 *
 * @example
 * const programs = await loadPrograms("programs", task); // [{name: "keywords", language: "python", ...}]
 */
export async function loadPrograms(dir: string, task: TaskSpec): Promise<Program[]> {
  await checkDir(dir);
  const entries = await readdir(dir, { withFileTypes: true });
  const files = new Map<string, string>();
  for (const entry of entries) {
    const language = LANGUAGES[extname(entry.name).toLowerCase()];
    if (entry.name.startsWith(".") || language === undefined || !(entry.isFile() || entry.isSymbolicLink())) continue;
    const name = entry.name.slice(0, -extname(entry.name).length);
    if (!NAME.test(name)) {
      throw new EngineError("PROGRAMS_DIR_INVALID", `${join(dir, entry.name)}: program name "${name}" may only use letters, digits, _, . and -`, { dir });
    }
    const other = files.get(name);
    if (other !== undefined) {
      throw new EngineError("PROGRAMS_DIR_INVALID", `${dir}: two programs are named "${name}" (${other} and ${entry.name})`, { dir });
    }
    files.set(name, entry.name);
  }
  if (files.size === 0) throw new EngineError("PROGRAMS_DIR_INVALID", `programs folder ${dir} holds no .py or .js programs`, { dir });
  const names = [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Promise.all(
    names.map(async (name) => {
      const file = files.get(name)!;
      const path = join(dir, file);
      let source: string;
      try {
        source = await readFile(path, "utf8");
      } catch (error) {
        throw new EngineError("PROGRAMS_DIR_INVALID", `cannot read program ${path}: ${(error as Error).message}`, { dir });
      }
      return { name, language: LANGUAGES[extname(file).toLowerCase()]!, source, functionName: task.functionName };
    }),
  );
}
