// The console's strings: English and Russian. The browser's language decides; the switch keeps the choice.
export const STRINGS = {
  en: {
    title: 'Operator console', language: 'Language', signIn: 'Sign in', signOut: 'Sign out', extension: 'Extension', password: 'Password',
    signInFailed: 'Wrong extension or password.', tooMany: 'Too many attempts. Try again in a minute.', networkError: 'The daemon does not answer. Retrying…',
    navLive: 'Calls', navBoard: 'Board', navJournal: 'Journal', navToday: 'Today', navMissed: 'Missed calls', mainNav: 'Sections',
    liveTitle: 'Current calls', noCalls: 'No calls for you right now.', ringing: 'Ringing', talking: 'Talking', answeredBy: 'Answered by {name}',
    transferredTo: 'Transferred to {name}', line: 'Line', queue: 'Queue', waiting: 'Waiting', responsible: 'Responsible', lastCalls: 'Last calls',
    openInCrm: 'Open in CRM', unknownCaller: 'Unknown caller', crmUnavailable: 'CRM did not answer', notify: 'Notify me of calls',
    notifyOn: 'Notifications are on', incomingCall: 'Incoming call', connected: 'Live', reconnecting: 'Reconnecting…',
    boardTitle: 'All current calls', state: 'State', number: 'Number', operator: 'Operator', started: 'Started', duration: 'Duration',
    journalTitle: 'Journal', todayTitle: 'Today\'s calls', search: 'Search', from: 'From', to: 'To', disposition: 'Result', any: 'Any',
    nextPage: 'Next page', firstPage: 'First page', noResults: 'No calls found.', recording: 'Recording', play: 'Recording {n}',
    missedTitle: 'Missed calls', callBack: 'Call back', done: 'Done', calling: 'Calling your phone…', callBackFailed: 'The call could not be placed.',
    noMissed: 'No missed calls.', showDone: 'Show done calls', direction: 'Direction', inbound: 'Inbound', outbound: 'Outbound', internal: 'Internal',
    answered: 'Answered', missed: 'Missed', busy: 'Busy', noanswer: 'No answer', failed: 'Failed', cancelled: 'Cancelled', talk: 'Talk',
    signedOut: 'Your session ended. Sign in again.', skip: 'Skip to content',
    navReports: 'Reports', reportsTitle: 'Reports', show: 'Show', callsPerHour: 'Calls per hour', answeredMissed: 'Answered and missed by operator',
    answerTime: 'Time to answer by operator', hour: 'Hour', waitMean: 'Answer wait, mean', waitP90: 'Answer wait, p90', seconds: 'seconds',
    noReportCalls: 'No calls in this period.', loading: 'Loading…', reportFailed: 'The report could not be loaded.',
    callTitle: 'Call', traceTitle: 'Why the bridge did what it did', noTrace: 'No trace is kept for this call any more.',
    time: 'Time', traceKind: 'Kind', traceWhat: 'What', details: 'Details', callNotFound: 'The call could not be shown.',
  },
  ru: {
    title: 'Консоль оператора', language: 'Язык', signIn: 'Войти', signOut: 'Выйти', extension: 'Внутренний номер', password: 'Пароль',
    signInFailed: 'Неверный номер или пароль.', tooMany: 'Слишком много попыток. Попробуйте через минуту.', networkError: 'Демон не отвечает. Повторяем…',
    navLive: 'Звонки', navBoard: 'Табло', navJournal: 'Журнал', navToday: 'Сегодня', navMissed: 'Пропущенные', mainNav: 'Разделы',
    liveTitle: 'Текущие звонки', noCalls: 'Сейчас вам никто не звонит.', ringing: 'Звонит', talking: 'Разговор', answeredBy: 'Ответил {name}',
    transferredTo: 'Переведён на {name}', line: 'Линия', queue: 'Очередь', waiting: 'Ожидание', responsible: 'Ответственный', lastCalls: 'Последние звонки',
    openInCrm: 'Открыть в CRM', unknownCaller: 'Неизвестный абонент', crmUnavailable: 'CRM не ответила', notify: 'Уведомлять о звонках',
    notifyOn: 'Уведомления включены', incomingCall: 'Входящий звонок', connected: 'На связи', reconnecting: 'Переподключение…',
    boardTitle: 'Все текущие звонки', state: 'Состояние', number: 'Номер', operator: 'Оператор', started: 'Начало', duration: 'Длительность',
    journalTitle: 'Журнал', todayTitle: 'Звонки за сегодня', search: 'Найти', from: 'С', to: 'По', disposition: 'Итог', any: 'Любой',
    nextPage: 'Следующая страница', firstPage: 'Первая страница', noResults: 'Звонков не найдено.', recording: 'Запись', play: 'Запись {n}',
    missedTitle: 'Пропущенные', callBack: 'Перезвонить', done: 'Обработан', calling: 'Звоним на ваш телефон…', callBackFailed: 'Не удалось позвонить.',
    noMissed: 'Пропущенных нет.', showDone: 'Показывать обработанные', direction: 'Направление', inbound: 'Входящий', outbound: 'Исходящий', internal: 'Внутренний',
    answered: 'Отвечен', missed: 'Пропущен', busy: 'Занято', noanswer: 'Нет ответа', failed: 'Ошибка', cancelled: 'Отменён', talk: 'Разговор',
    signedOut: 'Сеанс завершён. Войдите снова.', skip: 'К содержимому',
    navReports: 'Отчёты', reportsTitle: 'Отчёты', show: 'Показать', callsPerHour: 'Звонки по часам', answeredMissed: 'Отвеченные и пропущенные по операторам',
    answerTime: 'Время до ответа по операторам', hour: 'Час', waitMean: 'Ожидание ответа, среднее', waitP90: 'Ожидание ответа, 90%', seconds: 'секунды',
    noReportCalls: 'За этот период звонков нет.', loading: 'Загрузка…', reportFailed: 'Не удалось загрузить отчёт.',
    callTitle: 'Звонок', traceTitle: 'Почему мост сделал то, что сделал', noTrace: 'След этого звонка больше не хранится.',
    time: 'Время', traceKind: 'Вид', traceWhat: 'Что', details: 'Подробно', callNotFound: 'Не удалось показать звонок.',
  },
};

const KEY = 'pcb-console-lang';

export function pickLanguage() {
  const kept = localStorage.getItem(KEY);
  if (kept && kept in STRINGS) return kept;
  const wanted = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const l of wanted) {
    const base = String(l).toLowerCase().split('-')[0];
    if (base in STRINGS) return base;
  }
  return 'en';
}

let lang = 'en';

export function setLanguage(next, keep) {
  lang = next in STRINGS ? next : 'en';
  if (keep) localStorage.setItem(KEY, lang);
  document.documentElement.lang = lang;
  document.title = t('title');
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
}

export function language() {
  return lang;
}

export function t(key, vars = {}) {
  const text = STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
}
