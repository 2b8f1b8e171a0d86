import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ARCHITECTURE_DOC, loadMayImport, renderImportTable, tableDifferences, withImportTable, } from '../../../scripts/architecture-table.js';
const doc = () => readFileSync(ARCHITECTURE_DOC, 'utf8');
describe('docs/architecture.md import table', () => {
    it('lists exactly what lint/module-boundaries.js allows (regenerate: npx tsx scripts/architecture-table.ts)', async () => {
        const table = await loadMayImport();
        expect(Object.keys(table).length).toBeGreaterThan(0);
        expect(tableDifferences(doc(), table)).toEqual([]);
    });
    it('reports a folder whose allowed imports changed, in both directions of the table', async () => {
        const table = await loadMayImport();
        const widened = { ...table, agi: [...(table.agi ?? []), 'queue'] };
        const problems = tableDifferences(doc(), widened);
        expect(problems).toContainEqual(expect.stringMatching(/^agi: may import .*`queue`.* the document says/));
        expect(problems).toContainEqual(expect.stringMatching(/^queue: imported by .*`agi`.* the document says/));
    });
    it('reports a folder added to or removed from the lint table', async () => {
        const { agi: _dropped, ...withoutAgi } = await loadMayImport();
        expect(tableDifferences(doc(), withoutAgi)).toContain('agi: in the document, not in lint/module-boundaries.js');
        const withExtra = { imaginary: [], ...withoutAgi };
        expect(tableDifferences(doc(), withExtra)).toContain('imaginary: in lint/module-boundaries.js, missing from the document');
    });
    it('regenerating from a changed table makes the document agree with it', async () => {
        const table = await loadMayImport();
        const changed = { errors: [], ...table, ingest: [...(table.ingest ?? []), 'queue'] };
        expect(tableDifferences(withImportTable(doc(), changed), changed)).toEqual([]);
    });
    it('refuses to render a folder that has no "owns" line', () => {
        expect(() => renderImportTable({ imaginary: ['log'] })).toThrow(/add a line for imaginary to OWNS/);
    });
    it('says so when the markers are gone', async () => {
        expect(tableDifferences('# Architecture\n', await loadMayImport())).toEqual(['docs/architecture.md has no import-table markers']);
    });
});
