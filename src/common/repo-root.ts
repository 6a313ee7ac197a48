import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The checkout (or installed package): the nearest directory above this file with a
 * package.json, found the same from src/ (tests) and dist/src/ (the build).
 */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
