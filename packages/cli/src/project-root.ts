import path from "node:path";

/** The repository's root: the same from `src/` (tests) and from `dist/` (builds). */
export const PROJECT_ROOT = path.resolve(__dirname, "../../..");

/** A path under the repository's root. */
export function fromRoot(...parts: string[]): string {
  return path.join(PROJECT_ROOT, ...parts);
}
