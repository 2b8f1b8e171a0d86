// Who may import whom inside src/ (docs/architecture.md shows the same table). Each folder lists the folders of src/
// it may import; `log` and `main` are single files. Anything not listed is an error, reported by
// no-restricted-imports with the rule that forbids it.
export const MAY_IMPORT = {
  calls: [],
  config: [],
  log: [],
  lease: ['log'],
  pbx: ['config', 'log'],
  crm: ['calls', 'config', 'log'],
  journal: ['calls', 'crm'],
  queue: ['calls', 'crm', 'log'],
  sync: ['calls', 'config', 'crm', 'journal', 'log'],
  routing: ['calls', 'crm', 'log', 'pbx'],
  ingest: ['calls', 'log', 'pbx'],
  http: ['calls', 'crm', 'log', 'pbx', 'routing'],
  agi: ['log', 'routing'],
  metrics: ['log'],
  console: ['calls', 'config', 'crm', 'http', 'journal', 'log'],
  daemon: ['agi', 'calls', 'config', 'console', 'crm', 'http', 'ingest', 'journal', 'lease', 'log', 'metrics', 'pbx', 'queue', 'routing', 'sync'],
  main: ['config', 'daemon', 'log'],
};

/** Type-only imports allowed on top of MAY_IMPORT (the pure call model reads the AMI event shape). */
const TYPES_ONLY = { calls: ['pbx'] };

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
    files: folder === 'log' || folder === 'main' ? [`src/${folder}.ts`] : [`src/${folder}/**/*.ts`],
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
