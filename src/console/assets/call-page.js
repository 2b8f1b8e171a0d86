// A call's page: what the journal holds of it and its trace (AMI events, tracker decisions, the responsible rule, CRM
// requests), from /console/api/calls/:id; operators open their own calls only.
import { api, el, seconds } from './api.js';
import { t } from './i18n.js';

function what(entry) {
  return Object.entries(entry).filter(([k]) => k !== 'kind' && k !== 'atMs')
    .map(([k, v]) => `${k}=${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`).join(' ');
}

export class CallPage {
  constructor() {
    this.facts = document.getElementById('call-facts');
    this.body = document.querySelector('#trace tbody');
  }

  async show(id) {
    this.facts.replaceChildren();
    this.body.replaceChildren();
    let page;
    try {
      page = await api(`/console/api/calls/${encodeURIComponent(id)}`);
    } catch {
      this.facts.replaceChildren(el('p', { class: 'error', role: 'alert', text: t('callNotFound') }));
      return;
    }
    const c = page.call;
    const facts = [
      [t('started'), new Date(c.startedAtMs).toLocaleString()], [t('number'), c.number], [t('direction'), t(c.direction)],
      [t('line'), c.line ?? ''], [t('queue'), c.queue ?? ''], [t('operator'), c.agentName ?? c.agent ?? ''],
      [t('disposition'), c.disposition ? t(c.disposition) : ''], [t('talk'), c.talkDurationSec === null ? '' : seconds(c.talkDurationSec)],
    ];
    this.facts.replaceChildren(...facts.filter(([, v]) => v !== '').flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]),
      ...c.recordings.flatMap((src, i) => [el('dt', { text: t('play', { n: i + 1 }) }), el('dd', {}, el('audio', { controls: true, preload: 'none', src }))]));
    const entries = page.trace ? [...page.trace.amiEvents, ...page.trace.decisions].sort((a, b) => a.atMs - b.atMs) : [];
    document.getElementById('trace-empty').hidden = entries.length > 0;
    this.body.replaceChildren(...entries.map((e) => el('tr', { class: `trace-${e.kind}` },
      el('td', { text: new Date(e.atMs).toLocaleTimeString() }), el('td', { text: e.kind }), el('td', { class: 'trace-what', text: what(e) }))));
  }
}
