// Run first by `npm start`, `npm test`, `npm run demo` (see package.json): stops at once, with a clear message, on a
// Node.js older than package.json's engines.node. Plain JavaScript that any Node.js version can parse: no TypeScript,
// no optional chaining, no imports beyond node:fs.
import { readFileSync } from 'node:fs';

/** The major version engines.node asks for (">=22" → 22); 22 when package.json cannot be read. */
function requiredMajor() {
  try {
    var pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    var m = /^\s*>=\s*(\d+)/.exec((pkg.engines && pkg.engines.node) || '');
    if (m) return Number(m[1]);
  } catch { /* fall through: unreadable package.json */ }
  return 22;
}

var found = process.versions.node;
var need = requiredMajor();
if (Number(found.split('.')[0]) < need) {
  process.stderr.write('pbx-crm-bridge: Node.js ' + need + ' or newer is required (found ' + found + ').\n' +
    'Install Node.js ' + need + '+ (nodejs.org, your package manager, or `nvm install ' + need + '`) and run the command again.\n');
  process.exit(1);
}
