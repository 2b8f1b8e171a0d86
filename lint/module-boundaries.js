// Who may import whom inside src/ (docs/architecture.md shows the same table). Each folder lists the folders of src/
// it may import; `log`, `errors`, `timeout` and `main` are single files. Anything not listed is an error, reported by
// no-restricted-imports with the rule that forbids it. `errors` (the error taxonomy) and `timeout` (withTimeout) are
// added to every entry below.
const TABLE = {
  calls: [],
  errors: [],
  timeout: [],
  // config/ reads the CRM modules' env sections (src/crm/crm-modules.ts); crm/ no longer imports config/
  config: ['crm'],
  log: [],
  net: ['log'],
  lease: ['log', 'net'],
  pbx: ['config', 'log', 'net'],
  crm: ['calls', 'log', 'net'],
  // journal/ finds the node of the deployment's hash slot on a Redis Cluster (net/redis-client.ts) to SCAN there
  journal: ['calls', 'crm', 'net', 'trace'],
  trace: ['calls', 'pbx'],
  queue: ['calls', 'crm', 'log', 'net'],
  sync: ['calls', 'config', 'crm', 'journal', 'log'],
  // notify/ opens its queue's own connection (net/redis-client.ts)
  notify: ['calls', 'config', 'crm', 'journal', 'log', 'net', 'queue'],
  routing: ['calls', 'crm', 'log', 'pbx'],
  // the crash-safe writer feeds the call-event queue from its outbox (state first, then the jobs)
  ingest: ['calls', 'log', 'pbx', 'net', 'queue', 'trace'],
  http: ['calls', 'crm', 'log', 'pbx', 'routing'],
  agi: ['log', 'routing'],
  metrics: ['log'],
  console: ['calls', 'config', 'crm', 'http', 'journal', 'log'],
  daemon: ['agi', 'calls', 'config', 'console', 'crm', 'http', 'ingest', 'journal', 'lease', 'log', 'metrics', 'net', 'notify', 'pbx', 'queue', 'routing', 'sync', 'trace'],
  main: ['config', 'daemon', 'log'],
};

/** Everyone may import the error taxonomy (src/errors.ts) and withTimeout (src/timeout.ts); they import nothing of ours. */
export const MAY_IMPORT = Object.fromEntries(
  Object.entries(TABLE).map(([folder, allowed]) => [folder, folder === 'errors' || folder === 'timeout' ? allowed : [...allowed, 'errors', 'timeout']]),
);

/**
 * Type-only imports allowed on top of MAY_IMPORT (the pure call model reads the AMI event shape; config builds the
 * account rules' type and the Redis target; metrics label by call stage and read the CRM timing samples).
 */
const TYPES_ONLY = {
  calls: ['pbx'], config: ['calls', 'net'], metrics: ['calls', 'crm'],
  // the Redis connection type (net/redis-client.ts: a server or a Cluster) of the connection they are handed
  trace: ['net'], sync: ['net'], routing: ['net'], http: ['net'], console: ['net'],
};

const FOLDERS = Object.keys(MAY_IMPORT);

function patternsFor(target) {
  const ups = ['../', '../../', '../../../'];
  return ups.flatMap((up) => [`${up}${target}/*`, `${up}${target}.js`]);
}

/** Folders beside src/ that the product never imports: they hold tooling, so dist/ and the image stay free of it. */
const NOT_PRODUCT = ['harness', 'test', 'bench', 'scripts'];

const notProduct = (from, targets) => targets.map((target) => ({
  group: [`**/${target}/*`, `**/${target}/**`],
  message: `${from} may not import ${target}/ (see lint/module-boundaries.js and harness/README.md)`,
}));

function rulesFor(folder) {
  const allowed = new Set([folder, ...MAY_IMPORT[folder]]);
  const typesOnly = new Set(TYPES_ONLY[folder] ?? []);
  const forbidden = FOLDERS.filter((f) => !allowed.has(f));
  const patterns = forbidden.map((target) => ({
    group: patternsFor(target),
    message: `src/${folder} may not import src/${target} (see lint/module-boundaries.js and docs/architecture.md)`,
    allowTypeImports: typesOnly.has(target),
  }));
  patterns.push(...notProduct('src/', NOT_PRODUCT));
  if (folder === 'calls') {
    patterns.push({ group: ['node:*', 'ioredis', 'bullmq', 'axios', 'fastify', 'pino'], message: 'src/calls is pure: no I/O libraries' });
  }
  return patterns;
}

export const IMPORT_RULES = [
  // src/ files outside the table's folders (a new folder) still may not import the tooling; the entries below repeat it.
  { files: ['src/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: notProduct('src/', NOT_PRODUCT) }] } },
  ...FOLDERS.map((folder) => ({
    files: folder === 'log' || folder === 'main' || folder === 'errors' || folder === 'timeout' ? [`src/${folder}.ts`] : [`src/${folder}/**/*.ts`],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: rulesFor(folder) }] },
  })),
  // harness/ is shared by test/, bench/ and scripts/ (harness/README.md) and runs without vitest (the demo, benchmarks).
  {
    files: ['harness/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [...notProduct('harness/', ['test', 'bench', 'scripts']), { group: ['vitest', 'vitest/*'], message: 'harness/ runs outside vitest (demo, benchmarks): test-only helpers stay in test/support' }],
      }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/bench/*', '**/bench/**'], message: 'test/ may not import bench/: shared tooling lives in harness/' }] }] },
  },
  {
    files: ['bench/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/test/*', '**/test/**'], message: 'bench/ may not import test/: shared tooling lives in harness/' }] }] },
  },
  {
    files: ['scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: notProduct('scripts/', ['test', 'bench']) }] },
  },
];
