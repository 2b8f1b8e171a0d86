// Live cards: an EventSource that resumes from its last event id; each card is drawn from the event alone.
import { ApiError, api, el, seconds } from './api.js';
import { t } from './i18n.js';

const ELSEWHERE_SHOWN_MS = 4000;

export class Live {
  constructor(user, names) {
    this.user = user;
    this.names = names;
    this.calls = new Map(); // callId → { card, view, item, row, timer }
    this.list = document.getElementById('cards');
    this.board = document.querySelector('#board tbody');
    this.status = document.getElementById('status');
    this.tick = setInterval(() => this.refreshTimes(), 1000);
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  /**
   * The browser's EventSource retries by itself after a dropped connection, but gives up for good on an HTTP error
   * (a stopping daemon answers 503, a proxy 502): then a new one is opened after a growing pause, resuming from the
   * last event id it saw (a new EventSource cannot send Last-Event-ID, so it goes in the query).
   */
  connect() {
    const resume = this.lastEventId ? `?lastEventId=${encodeURIComponent(this.lastEventId)}` : '';
    const source = new EventSource(`/console/api/events${resume}`);
    this.source = source;
    const seen = (e) => { if (e.lastEventId) this.lastEventId = e.lastEventId; };
    source.addEventListener('snapshot', (e) => { seen(e); this.onSnapshot(JSON.parse(e.data)); });
    source.addEventListener('card', (e) => { seen(e); this.onCard(JSON.parse(e.data)); });
    source.addEventListener('signed-out', () => { this.stop(); document.dispatchEvent(new CustomEvent('pcb:signed-out')); });
    source.addEventListener('open', () => { this.retryMs = 0; this.setStatus(true); });
    source.addEventListener('error', () => {
      this.setStatus(false);
      if (source.readyState !== EventSource.CLOSED || this.stopped || this.source !== source) return;
      this.retryMs = Math.min(10_000, (this.retryMs || 500) * 2);
      this.reopen = setTimeout(() => this.reconnect(), this.retryMs);
    });
  }

  /** After a refused stream: a session that has ended signs the page out; anything else tries the stream again. */
  async reconnect() {
    if (this.stopped) return;
    try {
      await api('/console/api/session');
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        this.stop();
        document.dispatchEvent(new CustomEvent('pcb:signed-out'));
        return;
      }
    }
    if (!this.stopped) this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.reopen);
    this.source?.close();
    clearInterval(this.tick);
    for (const id of [...this.calls.keys()]) this.remove(id);
  }

  setStatus(up) {
    this.status.hidden = false;
    this.status.textContent = up ? t('connected') : t('reconnecting');
    this.status.classList.toggle('down', !up);
  }

  nameOf(ext) {
    return this.names[ext] ?? ext;
  }

  onSnapshot(data) {
    const keep = new Set(data.cards.map((c) => c.card.callId));
    for (const id of [...this.calls.keys()]) if (!keep.has(id)) this.remove(id);
    for (const c of data.cards) this.apply(c.card, c.view, true);
    this.emptyState();
  }

  onCard(data) {
    this.apply(data.card, data.view, false);
    this.emptyState();
  }

  /** `fresh`: from a snapshot, which replaces what the page had (its seq may be lower after a state reload). */
  apply(card, view, fresh) {
    const known = this.calls.get(card.callId);
    if (known && !fresh && card.seq <= known.card.seq) return; // already shown: a repeated event changes nothing
    if (view === 'gone') {
      if (known) known.card = card;
      this.remove(card.callId);
      this.drawnEvent(card, view);
      return;
    }
    // durations from the PBX's own times (its clock may differ from this computer's), counted on from when we heard
    const entry = known ?? { card, view, item: null, row: null, timer: null, details: null, startedLocalMs: Date.now() - (card.atMs - card.startedAtMs) };
    const wasRinging = known?.view === 'ringing';
    entry.card = card;
    entry.view = view;
    this.calls.set(card.callId, entry);
    this.drawCard(entry);
    this.drawRow(entry);
    if (view === 'ringing' && !wasRinging && !fresh) this.notify(card);
    if (view === 'elsewhere' && !entry.timer) entry.timer = setTimeout(() => this.remove(card.callId), ELSEWHERE_SHOWN_MS);
    if (view !== 'elsewhere' && entry.timer) { clearTimeout(entry.timer); entry.timer = null; }
    if (!entry.details && view !== 'board') this.loadDetails(entry);
    this.drawnEvent(card, view);
  }

  /** Tells whoever listens (tests, the benchmark) that a card event is on the screen. */
  drawnEvent(card, view) {
    document.dispatchEvent(new CustomEvent('pcb:card', { detail: { callId: card.callId, view, seq: card.seq, atMs: Date.now() } }));
  }

  remove(callId) {
    const entry = this.calls.get(callId);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.item?.remove();
    entry.row?.remove();
    this.calls.delete(callId);
    this.emptyState();
  }

  emptyState() {
    document.getElementById('no-cards').hidden = this.list.children.length > 0;
  }

  stateText(entry) {
    const { card, view } = entry;
    if (view === 'ringing') return t('ringing');
    if (view === 'talking') return t('talking');
    const moved = card.transfers.at(-1);
    if (view === 'elsewhere' && moved && moved.from === this.user.extension) return t('transferredTo', { name: this.nameOf(moved.to) });
    const answerer = card.talking.at(-1) ?? card.answeredBy;
    if (view === 'elsewhere' && answerer) return t('answeredBy', { name: this.nameOf(answerer) });
    if (view === 'elsewhere' && moved) return t('transferredTo', { name: this.nameOf(moved.to) });
    if (answerer) return t('answeredBy', { name: this.nameOf(answerer) });
    return t('ringing');
  }

  /** Ringing: seconds since the start; answered: how long the caller waited. */
  waitedSec(entry) {
    const { card } = entry;
    return card.answeredAtMs !== null ? (card.answeredAtMs - card.startedAtMs) / 1000 : (Date.now() - entry.startedLocalMs) / 1000;
  }

  /** Seconds since the start of the call. */
  elapsedSec(entry) {
    return (Date.now() - entry.startedLocalMs) / 1000;
  }

  drawCard(entry) {
    if (entry.view === 'board') { entry.item?.remove(); entry.item = null; return; }
    const { card } = entry;
    if (!entry.item) {
      entry.item = el('li', { class: 'card', 'data-call-id': card.callId, tabindex: '0', 'aria-labelledby': `n-${card.callId}` });
      this.list.append(entry.item);
    }
    const item = entry.item;
    item.dataset.view = entry.view;
    item.replaceChildren(
      el('p', { class: 'card-state', text: this.stateText(entry) }),
      el('p', { class: 'card-number', id: `n-${card.callId}`, text: card.number }),
      el('div', { class: 'card-client' }),
      el('dl', { class: 'card-facts' },
        card.line ? el('dt', { text: t('line') }) : null, card.line ? el('dd', { text: card.line }) : null,
        card.queue ? el('dt', { text: t('queue') }) : null, card.queue ? el('dd', { text: card.queue }) : null,
        el('dt', { text: t('waiting') }), el('dd', { class: 'card-wait', text: seconds(this.waitedSec(entry)) })),
      el('div', { class: 'card-history' }),
    );
    if (entry.details) this.drawDetails(entry);
  }

  drawRow(entry) {
    const { card } = entry;
    if (this.user.role !== 'supervisor') return;
    if (!entry.row) { entry.row = el('tr', { 'data-call-id': card.callId }); this.board.append(entry.row); }
    // after a transfer the target rings, then talks: the board follows whoever has the call now
    const talking = card.talking.length > 0 && card.ringing.length === 0;
    const who = (talking ? card.talking : card.ringing.length > 0 ? card.ringing : [card.answeredBy ?? '']).map((e) => this.nameOf(e)).join(', ');
    entry.row.replaceChildren(
      el('td', { text: card.number }), el('td', { text: card.line ?? '' }), el('td', { text: card.queue ?? '' }),
      el('td', { text: talking || (card.ringing.length === 0 && card.answeredBy) ? t('talking') : t('ringing') }), el('td', { text: who }),
      el('td', { class: 'card-elapsed', text: seconds(this.elapsedSec(entry)) }),
    );
  }

  refreshTimes() {
    for (const entry of this.calls.values()) {
      const wait = entry.item?.querySelector('.card-wait');
      if (wait) wait.textContent = seconds(this.waitedSec(entry));
      const elapsed = entry.row?.querySelector('.card-elapsed');
      if (elapsed) elapsed.textContent = seconds(this.elapsedSec(entry));
    }
  }

  async loadDetails(entry) {
    entry.details = 'loading';
    try {
      entry.details = await api(`/console/api/calls/${encodeURIComponent(entry.card.callId)}/caller`);
    } catch {
      entry.details = { name: null, crmUrl: null, responsible: null, lastCalls: [], crmUnavailable: true };
    }
    if (this.calls.get(entry.card.callId) === entry) this.drawDetails(entry);
  }

  drawDetails(entry) {
    const d = entry.details;
    if (!entry.item || !d || d === 'loading') return;
    const client = entry.item.querySelector('.card-client');
    const name = d.name ?? (d.crmUnavailable ? t('crmUnavailable') : t('unknownCaller'));
    client.replaceChildren(
      d.crmUrl ? el('a', { class: 'card-name', href: d.crmUrl, target: '_blank', rel: 'noopener noreferrer', text: name, title: t('openInCrm') })
      : el('span', { class: 'card-name', text: name }),
      d.responsible ? el('span', { class: 'card-responsible', text: ` · ${t('responsible')}: ${d.responsible.name}` }) : null,
    );
    const history = entry.item.querySelector('.card-history');
    if (d.lastCalls.length === 0) { history.replaceChildren(); return; }
    history.replaceChildren(el('p', { class: 'label', text: t('lastCalls') }), el('ul', {}, ...d.lastCalls.map((c) => el('li', {
      text: `${new Date(c.startedAtMs).toLocaleString()} · ${t(c.disposition ?? 'missed')}${c.agentName ? ` · ${c.agentName}` : ''}`,
    }))));
  }

  notify(card) {
    if (!('Notification' in window) || Notification.permission !== 'granted' || document.hasFocus()) return;
    const n = new Notification(t('incomingCall'), { body: card.number, tag: card.callId });
    n.addEventListener('click', () => { window.focus(); n.close(); });
  }
}
