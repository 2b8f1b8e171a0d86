import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
/** The project folder: the nearest one up from this module with a fixtures/ami folder (the source tree, or the one
 * a compiled copy such as .bench-dist/ sits in). */
function projectRoot() {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (let up = 0; up < 5; up += 1, dir = dirname(dir))
        if (existsSync(join(dir, 'fixtures', 'ami')))
            return dir;
    return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}
const root = projectRoot();
/** Folder of the real AMI transcripts (ending in `/`): `fixtures/ami` of this repository. */
export function amiFixturesDir() {
    return `${join(root, 'fixtures', 'ami')}/`;
}
