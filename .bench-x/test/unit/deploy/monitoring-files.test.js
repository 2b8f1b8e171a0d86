import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { fullExposition, hasPromtool, promtool } from '../../support/metrics-fixture.js';
import { exposedNames } from '../../support/prometheus-exposition.js';
import { metricNamesIn } from '../../support/promql-names.js';
const read = (path) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
/** Series Prometheus makes itself for every scrape target. */
const SCRAPE_SERIES = new Set(['up', 'scrape_duration_seconds', 'scrape_samples_scraped']);
const rules = () => parseYaml(read('deploy/prometheus/alerts.yaml')).groups.flatMap((g) => g.rules);
const dashboard = () => JSON.parse(read('deploy/grafana/pbx-crm-bridge.json'));
const allPanels = (panels) => panels.flatMap((p) => [p, ...allPanels(p.panels ?? [])]);
/** Grafana's `label_values(<series>, <label>)`: the series part is PromQL, the label is not a metric. */
function labelValuesSeries(definition) {
    if (definition === undefined)
        return [];
    const m = /^label_values\((.*),\s*[a-zA-Z_][a-zA-Z0-9_]*\)$/.exec(definition.trim());
    return [m?.[1] ?? definition];
}
async function unknownNames(exprs) {
    const exposed = exposedNames(await fullExposition());
    return exprs.flatMap((e) => [...metricNamesIn(e)].filter((n) => !exposed.has(n) && !SCRAPE_SERIES.has(n)).map((n) => `${n} in ${e}`));
}
describe('deploy/prometheus/alerts.yaml', () => {
    it('has alerts with a severity, a summary and a unique name', () => {
        const all = rules();
        expect(all.length).toBeGreaterThanOrEqual(8);
        for (const r of all) {
            expect(r.alert, r.expr).toMatch(/^PbxCrmBridge[A-Za-z]+$/);
            expect(['critical', 'warning', 'info']).toContain(r.labels?.['severity']);
            expect(r.annotations?.['summary'], r.alert).toBeTruthy();
        }
        expect(new Set(all.map((r) => r.alert)).size).toBe(all.length);
    });
    it('covers the failures an operator must hear about', () => {
        const used = new Set(rules().flatMap((r) => [...metricNamesIn(r.expr)]));
        for (const name of ['up', 'pcb_ami_connected', 'pcb_event_buffer_dropped_total', 'pcb_sync_stages_total', 'pcb_queue_jobs',
            'pcb_stage_apply_latency_seconds_bucket', 'pcb_crm_request_duration_seconds_bucket', 'pcb_route_request_duration_seconds_bucket']) {
            expect(used, name).toContain(name);
        }
    });
    it('only uses metrics that /metrics exposes', async () => {
        expect(await unknownNames(rules().map((r) => r.expr))).toEqual([]);
    });
    it('passes promtool check rules when promtool is installed', () => {
        if (!hasPromtool())
            return; // the structural checks above ran
        const r = promtool(['check', 'rules', 'deploy/prometheus/alerts.yaml']);
        expect(r.output).toMatch(/SUCCESS/);
        expect(r.status).toBe(0);
    });
});
describe('deploy/grafana/pbx-crm-bridge.json', () => {
    it('is a dashboard with a Prometheus datasource variable and an instance filter', () => {
        const d = dashboard();
        expect(d).toMatchObject({ uid: 'pbx-crm-bridge', title: 'pbx-crm-bridge' });
        expect(d.templating.list.map((v) => v.name)).toEqual(['datasource', 'instance']);
        const panels = allPanels(d.panels).filter((p) => p.type !== 'row');
        expect(panels.length).toBeGreaterThanOrEqual(10);
        for (const p of panels)
            for (const t of p.targets ?? [])
                expect(t.expr, p.title).toContain('instance=~"$instance"');
    });
    it('graphs card latency, CRM latency and route latency', () => {
        const exprs = allPanels(dashboard().panels).flatMap((p) => (p.targets ?? []).map((t) => t.expr)).join('\n');
        for (const name of ['pcb_stage_apply_latency_seconds_bucket', 'pcb_crm_request_duration_seconds_bucket', 'pcb_route_request_duration_seconds_bucket',
            'pcb_event_buffer_events', 'process_resident_memory_bytes'])
            expect(exprs).toContain(name);
    });
    it('only uses metrics that /metrics exposes', async () => {
        const d = dashboard();
        const exprs = [...allPanels(d.panels).flatMap((p) => (p.targets ?? []).map((t) => t.expr)), ...d.templating.list.flatMap((v) => labelValuesSeries(v.definition))];
        expect(await unknownNames(exprs)).toEqual([]);
    });
});
