// The supervisors' reports page: calls per hour, answered and missed per operator, time to answer, drawn by uPlot
// (served by the daemon: /console/assets/uplot/). The figures come from the report counters (/console/api/reports).
import { api, el, seconds } from './api.js';
import { t } from './i18n.js';

const COLORS = { inbound: '#1d4ed8', outbound: '#6b7280', answered: '#047857', missed: '#b91c1c', mean: '#b45309', p90: '#7c3aed' };
const DAY_MS = 86_400_000;

function dateValue(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Bars side by side: the first series left of the tick, the second right of it. */
function bars(align) {
  return window.uPlot.paths.bars({ size: [0.4, 48], align });
}

function series(label, color, align) {
  return { label, stroke: color, fill: `${color}cc`, width: 1, paths: bars(align), points: { show: false } };
}

export class Reports {
  constructor() {
    this.form = document.getElementById('reports-form');
    this.status = document.getElementById('reports-status');
    this.body = document.querySelector('#reports-table tbody');
    this.charts = [];
    this.form.addEventListener('submit', (e) => { e.preventDefault(); void this.load(); });
    const today = new Date();
    document.getElementById('r-from').value = dateValue(new Date(today.getTime() - 6 * DAY_MS));
    document.getElementById('r-to').value = dateValue(today);
  }

  show() {
    void this.load();
  }

  /** `to` is the last day shown: the report's `to` (exclusive) is the day after. */
  query() {
    const from = document.getElementById('r-from').value;
    const to = document.getElementById('r-to').value;
    const [y, m, d] = to.split('-').map(Number);
    const q = new URLSearchParams({ from, to: dateValue(new Date(y, m - 1, d + 1)) });
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (tz) q.set('tz', tz);
    return q;
  }

  async load() {
    this.status.textContent = t('loading');
    let data;
    try {
      data = await api(`/console/api/reports?${this.query()}`);
    } catch {
      this.status.textContent = t('reportFailed');
      return;
    }
    const calls = data.hours.reduce((n, h) => n + h.inbound + h.outbound, 0);
    this.status.textContent = calls === 0 ? t('noReportCalls') : '';
    this.draw(data);
    document.dispatchEvent(new CustomEvent('pcb:reports', { detail: { operators: data.operators.length, calls } }));
  }

  draw(data) {
    for (const c of this.charts) c.destroy();
    const ops = data.operators;
    const names = ops.map((o) => o.name ?? o.extension);
    const idx = ops.map((_, i) => i);
    const opAxis = { values: (_u, ticks) => ticks.map((i) => names[i] ?? ''), splits: () => idx, grid: { show: false } };
    const xOps = { time: false, range: [-0.5, Math.max(0, ops.length - 0.5)] };
    this.charts = [
      this.chart('c-hours', {
        scales: { x: { time: false, range: [-0.5, 23.5] } },
        axes: [{ label: t('hour'), splits: () => data.hours.map((h) => h.hour), grid: { show: false } }, {}],
        series: [{ label: t('hour') }, series(t('inbound'), COLORS.inbound, -1), series(t('outbound'), COLORS.outbound, 1)],
      }, [data.hours.map((h) => h.hour), data.hours.map((h) => h.inbound), data.hours.map((h) => h.outbound)]),
      this.chart('c-ops', {
        scales: { x: xOps }, axes: [opAxis, {}],
        series: [{ label: t('operator'), value: (_u, i) => names[i] ?? '' }, series(t('answered'), COLORS.answered, -1), series(t('missed'), COLORS.missed, 1)],
      }, [idx, ops.map((o) => o.answered), ops.map((o) => o.missed)]),
      this.chart('c-wait', {
        scales: { x: xOps }, axes: [opAxis, { label: t('seconds') }],
        series: [{ label: t('operator'), value: (_u, i) => names[i] ?? '' }, series(t('waitMean'), COLORS.mean, -1), series(t('waitP90'), COLORS.p90, 1)],
      }, [idx, ops.map((o) => o.answerWaitMeanSec), ops.map((o) => o.answerWaitP90Sec)]),
    ];
    const secs = (v) => (v === null ? '' : seconds(v));
    this.body.replaceChildren(...ops.map((o, i) => el('tr', {},
      el('th', { scope: 'row', text: names[i] }), el('td', { text: String(o.inbound) }), el('td', { text: String(o.answered) }),
      el('td', { text: String(o.missed) }), el('td', { text: String(o.outbound) }), el('td', { text: secs(o.answerWaitMeanSec) }),
      el('td', { text: secs(o.answerWaitP90Sec) }), el('td', { text: seconds(o.talkSec) }))));
  }

  chart(id, opts, columns) {
    const box = document.getElementById(id);
    box.replaceChildren();
    const width = Math.max(280, Math.min(box.clientWidth || 640, 900));
    const y = { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] }; // counts and seconds start at zero
    return new window.uPlot({ width, height: 220, legend: { show: true }, cursor: { drag: { x: false, y: false } }, ...opts, scales: { ...opts.scales, y } }, columns, box);
  }
}
