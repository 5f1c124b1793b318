import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Where the project's files are, wherever this code runs from: the TypeScript under server/
// (tsx: tests, scripts, development) or the one compiled file dist/server/main.js (`npm start`).
// Files the server reads at run time (migrations, the built web app, the demo seed's data) are
// found from the project's root, never relative to the module that reads them, which moves.

function projectRootFrom(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'db', 'migrations'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`Waymark's project root was not found above ${start}`);
  }
}

export const PROJECT_ROOT = projectRootFrom(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the project. */
export const projectPath = (...parts: string[]) => path.join(PROJECT_ROOT, ...parts);

/** The same, as a file URL (a directory's ends with a slash, so that URLs resolve inside it). */
export const projectUrl = (relative: string) =>
  pathToFileURL(projectPath(relative) + (relative.endsWith('/') ? '/' : ''));
