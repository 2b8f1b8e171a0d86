import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Folder of the real AMI transcripts (ending in `/`): the team's `../shared/fixtures/ami` beside the project when it
 * is there, else the byte-for-byte copy bundled in `fixtures/ami` (so a plain clone runs the demo and the tests).
 */
export function amiFixturesDir(): string {
  const shared = resolve(root, '..', 'shared', 'fixtures', 'ami');
  return `${existsSync(shared) ? shared : join(root, 'fixtures', 'ami')}/`;
}
