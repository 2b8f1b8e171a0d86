// npm run build: tsc compiles only .ts; the console page's files (plain ES modules, CSS, HTML) are copied next to it.
import { cpSync, mkdirSync } from 'node:fs';

mkdirSync('dist/console/assets', { recursive: true });
cpSync('src/console/assets', 'dist/console/assets', { recursive: true });
