/** Command-line handling shared by the bench entry points: --help prints the file's header comment, bad options exit 2. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
/** The leading `/** … *\/` comment of a source file, without its comment markers. */
export function headerUsage(source) {
    const m = /^\s*\/\*\*([\s\S]*?)\*\//.exec(source);
    if (!m)
        return '';
    return `${(m[1] ?? '').split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n').trim()}\n`;
}
/**
 * Parses argv for the bench at `moduleUrl` (pass `import.meta.url`; its header comment is the usage). `--help`/`-h`
 * prints the usage and exits 0; an unknown option or a stray argument prints what is wrong and the usage, and exits 2.
 * Call it before the bench starts anything.
 */
export function benchArgs(moduleUrl, options, argv = process.argv.slice(2)) {
    const usage = () => headerUsage(readFileSync(fileURLToPath(moduleUrl), 'utf8'));
    if (argv.includes('--help') || argv.includes('-h')) {
        process.stdout.write(usage());
        process.exit(0);
    }
    try {
        return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
    }
    catch (err) {
        process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${usage()}`);
        process.exit(2);
    }
}
