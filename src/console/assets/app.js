// The console page: sign-in, the sections, the language switch, notifications.
import { api, ApiError, useCsrfToken } from './api.js';
import { language, pickLanguage, setLanguage, t } from './i18n.js';
import { Live } from './live.js';
import { CallPage } from './call-page.js';
import { Journal, Missed } from './pages.js';
import { Reports } from './reports.js';

const VIEWS = ['login', 'live', 'board', 'journal', 'missed', 'reports', 'call'];
const SUPERVISOR_VIEWS = ['board', 'reports'];
let session = null;
let live = null;
let journal = null;
let missed = null;
let reports = null;
let callPage = null;

function showView(name) {
  for (const v of VIEWS) document.getElementById(`view-${v}`).hidden = v !== (name === 'today' ? 'journal' : name);
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.view === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function route() {
  if (!session) { showView('login'); return; }
  let name = location.hash.slice(1) || 'live';
  if (name.startsWith('call/')) {
    showView('call');
    void callPage.show(decodeURIComponent(name.slice(5)));
    return;
  }
  if (!['live', 'board', 'journal', 'today', 'missed', 'reports'].includes(name) || (SUPERVISOR_VIEWS.includes(name) && session.role !== 'supervisor')) name = 'live';
  showView(name);
  if (name === 'journal' || name === 'today') journal.show(name === 'today');
  if (name === 'missed') missed.show();
  if (name === 'reports') reports.show();
}

function signedIn(me) {
  session = me;
  useCsrfToken(me.csrfToken);
  document.getElementById('nav').hidden = false;
  for (const a of document.querySelectorAll('[data-role="supervisor"]')) a.hidden = me.role !== 'supervisor';
  const who = document.getElementById('who');
  who.hidden = false;
  who.textContent = `${me.name} (${me.extension})`;
  document.getElementById('signout').hidden = false;
  const notify = document.getElementById('notify');
  notify.hidden = !('Notification' in window) || Notification.permission === 'granted';
  live = new Live(me, me.names ?? {});
  live.start();
  journal = new Journal(me);
  missed = new Missed();
  reports = me.role === 'supervisor' ? new Reports() : null;
  callPage = new CallPage();
  route();
}

function signedOut(message) {
  live?.stop();
  session = null;
  live = null;
  document.getElementById('nav').hidden = true;
  for (const id of ['who', 'signout', 'notify', 'status']) document.getElementById(id).hidden = true;
  document.getElementById('login-error').textContent = message ?? '';
  showView('login');
  document.getElementById('login-ext').focus();
}

async function onLogin(event) {
  event.preventDefault();
  const form = event.target;
  const error = document.getElementById('login-error');
  error.textContent = '';
  try {
    const me = await api('/console/api/session', { method: 'POST', body: { extension: form.extension.value.trim(), password: form.password.value } });
    form.password.value = '';
    signedIn(me);
    document.getElementById('main').focus();
  } catch (err) {
    error.textContent = err instanceof ApiError && err.status === 429 ? t('tooMany') : err instanceof ApiError && err.status === 401 ? t('signInFailed') : t('networkError');
  }
}

async function onSignOut() {
  try { await api('/console/api/session/end', { method: 'POST' }); } catch { /* the session is gone either way */ }
  signedOut();
}

async function start() {
  setLanguage(pickLanguage(), false);
  const select = document.getElementById('lang');
  select.value = language();
  select.addEventListener('change', () => { setLanguage(select.value, true); route(); });
  document.getElementById('login').addEventListener('submit', onLogin);
  document.getElementById('signout').addEventListener('click', onSignOut);
  document.getElementById('notify').addEventListener('click', async () => {
    const answer = await Notification.requestPermission();
    document.getElementById('notify').hidden = answer === 'granted';
  });
  document.addEventListener('pcb:signed-out', () => signedOut(t('signedOut')));
  window.addEventListener('hashchange', route);
  try {
    signedIn(await api('/console/api/session'));
  } catch {
    if (!session) signedOut(); // a sign-in that finished while this check was on its way wins
  }
}

void start();
