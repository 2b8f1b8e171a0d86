// The journal (and today's calls) and the missed calls pages.
import { api, el, seconds } from './api.js';
import { t } from './i18n.js';

function dayStartMs(value) {
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y, m - 1, d).getTime();
}

function todayValue() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

function recordingsCell(row) {
  return el('td', {}, ...row.recordings.map((src, i) => el('audio', { controls: true, preload: 'none', src, 'aria-label': t('play', { n: i + 1 }) })));
}

export class Journal {
  constructor(user) {
    this.user = user;
    this.form = document.getElementById('journal-form');
    this.body = document.querySelector('#journal tbody');
    this.cursors = [];
    this.next = null;
    this.form.addEventListener('submit', (e) => { e.preventDefault(); void this.load(null); });
    document.getElementById('j-next').addEventListener('click', () => { if (this.next) void this.load(this.next); });
    document.getElementById('j-first').addEventListener('click', () => void this.load(null));
    const ext = document.getElementById('j-ext');
    if (user.role !== 'supervisor') { ext.value = user.extension; ext.readOnly = true; }
  }

  /** `today`: the form set to today's calls. */
  show(today) {
    document.getElementById('journal-h').textContent = today ? t('todayTitle') : t('journalTitle');
    if (today) { document.getElementById('j-from').value = todayValue(); document.getElementById('j-to').value = todayValue(); }
    void this.load(null);
  }

  query(cursor) {
    const f = new FormData(this.form);
    const q = new URLSearchParams();
    for (const name of ['phone', 'extension', 'disposition']) { const v = String(f.get(name) ?? '').trim(); if (v) q.set(name, v); }
    const from = String(f.get('from') ?? '');
    const to = String(f.get('to') ?? '');
    if (from) q.set('fromMs', String(dayStartMs(from)));
    if (to) q.set('toMs', String(dayStartMs(to) + 86_400_000 - 1));
    if (cursor) q.set('cursor', cursor);
    return q;
  }

  async load(cursor) {
    const page = await api(`/console/api/journal?${this.query(cursor)}`);
    this.next = page.nextCursor;
    document.getElementById('j-next').disabled = !page.nextCursor;
    document.getElementById('journal-empty').hidden = page.items.length > 0;
    this.body.replaceChildren(...page.items.map((r) => el('tr', { 'data-call-id': r.id },
      el('td', {}, el('a', { href: `#call/${encodeURIComponent(r.id)}`, text: new Date(r.startedAtMs).toLocaleString(), title: t('details') })), el('td', { text: r.number }), el('td', { text: t(r.direction) }),
      el('td', { text: r.agentName ?? '' }), el('td', { text: r.disposition ? t(r.disposition) : '' }),
      el('td', { text: r.talkDurationSec === null ? '' : seconds(r.talkDurationSec) }), recordingsCell(r))));
  }
}

export class Missed {
  constructor() {
    this.list = document.getElementById('missed');
    this.status = document.getElementById('missed-status');
    this.showDone = document.getElementById('m-show-done');
    this.showDone.addEventListener('change', () => void this.load());
  }

  show() {
    void this.load();
  }

  async load() {
    const { items } = await api(`/console/api/missed?includeDone=${this.showDone.checked}`);
    document.getElementById('missed-empty').hidden = items.length > 0;
    this.list.replaceChildren(...items.map((m) => this.item(m)));
  }

  item(m) {
    const doneId = `done-${m.id}`;
    const box = el('input', { type: 'checkbox', id: doneId, checked: m.done });
    box.addEventListener('change', async () => {
      try { await api(`/console/api/missed/${encodeURIComponent(m.id)}/done`, { method: 'POST', body: { done: box.checked } }); } catch { box.checked = !box.checked; }
      li.classList.toggle('done', box.checked);
    });
    const call = el('button', { type: 'button', class: 'call-back', text: t('callBack'), 'aria-describedby': `mn-${m.id}` });
    call.addEventListener('click', async () => {
      call.disabled = true;
      try {
        await api(`/console/api/missed/${encodeURIComponent(m.id)}/call-back`, { method: 'POST' });
        this.status.textContent = t('calling');
      } catch {
        this.status.textContent = t('callBackFailed');
      } finally {
        call.disabled = false;
      }
    });
    const li = el('li', { class: m.done ? 'missed-item done' : 'missed-item', 'data-call-id': m.id },
      el('span', { class: 'missed-number', id: `mn-${m.id}`, text: m.number }),
      el('span', { class: 'missed-when', text: `${new Date(m.startedAtMs).toLocaleString()} · ${t(m.disposition ?? 'missed')}${m.line ? ` · ${m.line}` : ''}` }),
      call, el('label', { class: 'check', for: doneId }, box, ` ${t('done')}`));
    return li;
  }
}
