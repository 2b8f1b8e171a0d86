import { describe, expect, it } from 'vitest';
import { exposedNames, lintExposition } from '../../support/prometheus-exposition.js';
import { metricNamesIn } from '../../support/promql-names.js';
const family = (name, type, samples, help = 'Some help') => [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples].join('\n');
describe('the exposition linter (promtool check metrics rules)', () => {
    it('accepts a clean counter, gauge and histogram', () => {
        const text = [
            family('app_jobs_total', 'counter', ['app_jobs_total{stage="a"} 3']),
            family('app_open_calls', 'gauge', ['app_open_calls 2']),
            family('app_wait_seconds', 'histogram', ['app_wait_seconds_bucket{le="0.1"} 1', 'app_wait_seconds_bucket{le="1"} 2',
                'app_wait_seconds_bucket{le="+Inf"} 2', 'app_wait_seconds_sum 0.6', 'app_wait_seconds_count 2']),
        ].join('\n');
        expect(lintExposition(text)).toEqual([]);
    });
    it.each([
        ['a gauge named _total', family('pcb_ami_total', 'gauge', ['pcb_ami_total{kind="events"} 4']), 'non-counter metrics should not have "_total" suffix'],
        ['a counter without _total', family('app_jobs', 'counter', ['app_jobs 1']), 'counter metrics should have "_total" suffix'],
        ['no HELP', '# TYPE app_x gauge\napp_x 1', 'no help text'],
        ['no TYPE', '# HELP app_x x\napp_x 1', 'no TYPE line'],
        ['milliseconds', family('app_wait_milliseconds', 'gauge', ['app_wait_milliseconds 1']), 'base unit'],
        ['an abbreviated unit', family('app_wait_ms', 'gauge', ['app_wait_ms 1']), 'abbreviated units'],
        ['a duration without seconds', family('app_request_duration', 'gauge', ['app_request_duration 1']), '_seconds'],
        ['camelCase', family('app_openCalls', 'gauge', ['app_openCalls 1']), 'camelCase'],
        ['a _count gauge', family('app_calls_count', 'gauge', ['app_calls_count 1']), '"_count"'],
        ['+Inf bucket ≠ count', family('app_wait_seconds', 'histogram', ['app_wait_seconds_bucket{le="1"} 2', 'app_wait_seconds_bucket{le="+Inf"} 2',
                'app_wait_seconds_sum 1', 'app_wait_seconds_count 3']), 'differs from _count'],
        ['buckets not cumulative', family('app_wait_seconds', 'histogram', ['app_wait_seconds_bucket{le="1"} 2', 'app_wait_seconds_bucket{le="2"} 1',
                'app_wait_seconds_bucket{le="+Inf"} 2', 'app_wait_seconds_sum 1', 'app_wait_seconds_count 2']), 'not cumulative'],
        ['no +Inf bucket', family('app_wait_seconds', 'histogram', ['app_wait_seconds_bucket{le="1"} 2', 'app_wait_seconds_sum 1', 'app_wait_seconds_count 2']), 'no +Inf'],
        ['no _sum', family('app_wait_seconds', 'histogram', ['app_wait_seconds_bucket{le="+Inf"} 2', 'app_wait_seconds_count 2']), 'no _sum'],
    ])('rejects %s', (_what, text, problem) => {
        expect(lintExposition(text).join('\n')).toContain(problem);
    });
    it('throws on text that is not the exposition format', () => {
        expect(() => lintExposition('app_x{stage=a} 1')).toThrow(/label/);
        expect(() => lintExposition('app_x one')).toThrow(/value/);
    });
    it('lists histogram sample names among the exposed names', () => {
        const names = exposedNames(family('app_wait_seconds', 'histogram', ['app_wait_seconds_bucket{le="+Inf"} 0', 'app_wait_seconds_sum 0', 'app_wait_seconds_count 0']));
        expect([...names].sort()).toEqual(['app_wait_seconds', 'app_wait_seconds_bucket', 'app_wait_seconds_count', 'app_wait_seconds_sum']);
    });
});
describe('metricNamesIn', () => {
    it('finds the selected metrics, not functions, labels, strings, durations or variables', () => {
        const expr = 'histogram_quantile(0.95, sum by (le, stage) (rate(pcb_stage_apply_latency_seconds_bucket{stage=~"ringing|x", job="$job"}[$__rate_interval])))'
            + ' > 2 and on(instance) max_over_time(pcb_ami_connected[5m] offset 1h) == 0 or vector(1e3) unless up{job="pcb"} / ignoring(kind) foo_total';
        expect([...metricNamesIn(expr)].sort()).toEqual(['foo_total', 'pcb_ami_connected', 'pcb_stage_apply_latency_seconds_bucket', 'up']);
    });
});
