// Who may import whom inside src/ (docs/architecture.md shows the same table). Each folder lists the folders of src/
// it may import; `log`, `errors` and `main` are single files. Anything not listed is an error, reported by
// no-restricted-imports with the rule that forbids it. `errors` (the error taxonomy) is added to every entry below.
const TABLE = {
  calls: [],
  errors: [],
  // config/ reads the CRM modules' env sections (src/crm/crm-modules.ts); crm/ no longer imports config/
  config: ['crm'],
  log: [],
  lease: ['log'],
  pbx: ['config', 'log'],
  crm: ['calls', 'log'],
  journal: ['calls', 'crm'],
  queue: ['calls', 'crm', 'log'],
  sync: ['calls', 'config', 'crm', 'journal', 'log'],
  routing: ['calls', 'crm', 'log', 'pbx'],
  ingest: ['calls', 'log', 'pbx'],
  http: ['calls', 'crm', 'log', 'pbx', 'routing'],
  agi: ['log', 'routing'],
  metrics: ['log'],
  daemon: ['agi', 'calls', 'config', 'crm', 'http', 'ingest', 'journal', 'lease', 'log', 'metrics', 'pbx', 'queue', 'routing', 'sync'],
  main: ['config', 'daemon', 'log'],
};

/** Everyone may import the error taxonomy (src/errors.ts); it imports nothing of ours. */
export const MAY_IMPORT = Object.fromEntries(
  Object.entries(TABLE).map(([folder, allowed]) => [folder, folder === 'errors' ? allowed : [...allowed, 'errors']]),
);

/** Type-only imports allowed on top of MAY_IMPORT (the pure call model reads the AMI event shape; config builds the account rules' type). */
const TYPES_ONLY = { calls: ['pbx'], config: ['calls'] };

const FOLDERS = Object.keys(MAY_IMPORT);

function patternsFor(target) {
  const ups = ['../', '../../', '../../../'];
  return ups.flatMap((up) => [`${up}${target}/*`, `${up}${target}.js`]);
}

function rulesFor(folder) {
  const allowed = new Set([folder, ...MAY_IMPORT[folder]]);
  const typesOnly = new Set(TYPES_ONLY[folder] ?? []);
  const forbidden = FOLDERS.filter((f) => !allowed.has(f));
  const patterns = forbidden.map((target) => ({
    group: patternsFor(target),
    message: `src/${folder} may not import src/${target} (see lint/module-boundaries.js and docs/architecture.md)`,
    allowTypeImports: typesOnly.has(target),
  }));
  if (folder === 'calls') {
    patterns.push({ group: ['node:*', 'ioredis', 'bullmq', 'axios', 'fastify', 'pino'], message: 'src/calls is pure: no I/O libraries' });
  }
  return patterns;
}

export const IMPORT_RULES = [
  ...FOLDERS.map((folder) => ({
    files: folder === 'log' || folder === 'main' || folder === 'errors' ? [`src/${folder}.ts`] : [`src/${folder}/**/*.ts`],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: rulesFor(folder) }] },
  })),
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/bench/*'], message: 'test/ may not import bench/: shared tooling lives in harness/' }] }] },
  },
  {
    files: ['bench/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/test/*', '**/test/**'], message: 'bench/ may not import test/: shared tooling lives in harness/' }] }] },
  },
];
