// The page an answer link in an invitation opens (/rsvp/<token>?answer=…). It needs no account: the signed
// token in the address says whose answer to which meeting it is. Opening the page records nothing — a mail
// scanner that fetches every link must not answer for anyone — the answer is sent with a POST when the person
// clicks one of the three buttons, and can be changed the same way later.
import './styles.css';
import { button, clear, h } from './dom';
import { setLang, t, type Lang, type MessageKey } from './i18n';
import { ANSWERS, problemMessage, readAnswerLink, type Answer } from './rsvp-link';

interface Summary {
  title: string;
  description?: string;
  start: string;
  end: string;
  upcoming: { start: string; end: string }[];
  recurring: boolean;
  location?: string;
  onlineUrl?: string;
  organizer: string;
  meetingStatus: string;
  personName: string;
  language: Lang;
  answer: string;
  changed: boolean;
}

class Refused extends Error {
  constructor(public readonly status: number, public readonly code?: string) { super(`HTTP ${status}`); }
}

const TZ = 'Europe/Brussels';

function range(startIso: string, endIso: string, l: Lang): string {
  const locale = l === 'nl' ? 'nl-BE' : 'en-GB';
  const start = new Date(startIso);
  const end = new Date(endIso);
  const day = new Intl.DateTimeFormat(locale, { timeZone: TZ, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const time = new Intl.DateTimeFormat(locale, { timeZone: TZ, hour: '2-digit', minute: '2-digit' });
  const sameDay = day.format(start) === day.format(end);
  return sameDay
    ? `${day.format(start)}, ${time.format(start)}–${time.format(end)}`
    : `${day.format(start)}, ${time.format(start)} – ${day.format(end)}, ${time.format(end)}`;
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'omit',
    cache: 'no-store',
    headers: { Accept: 'application/json, application/problem+json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) {
    let code: string | undefined;
    try { code = ((await res.json()) as { code?: string }).code; } catch { code = undefined; }
    throw new Refused(res.status, code);
  }
  return (await res.json()) as T;
}

function answerLabel(answer: string): string {
  const key = `rsvp.answer.${answer}` as MessageKey;
  return t(key);
}

function card(...children: (Node | string | null)[]): HTMLElement {
  return h('main', { className: 'signin-page' },
    h('div', { className: 'signin-card rsvp-card' },
      h('div', { className: 'brand' }, h('span', { className: 'brand-mark', 'aria-hidden': 'true' }, '◉'),
        h('div', {}, h('p', { className: 'brand-name' }, t('app.title')), h('p', { className: 'subtitle' }, t('app.subtitle')))),
      ...children));
}

function refusal(root: HTMLElement, error: unknown, retry: () => void): void {
  const key = error instanceof Refused ? problemMessage(error.status, error.code) : 'rsvp.unreachable';
  clear(root);
  root.append(card(
    h('h1', {}, t('rsvp.title')),
    h('p', { id: 'rsvp-problem', className: key === 'rsvp.unreachable' ? 'error' : '', role: 'alert' }, t(key)),
    key === 'rsvp.unreachable' ? button(t('rsvp.retry'), retry, { className: 'primary' }) : null));
}

function render(root: HTMLElement, token: string, suggested: Answer | null, summary: Summary): void {
  const status = h('p', { id: 'rsvp-status', className: 'signin-status', role: 'status', 'aria-live': 'polite' });
  const current = h('strong', { id: 'rsvp-current' }, answerLabel(summary.answer));
  const cancelled = summary.meetingStatus === 'cancelled';
  const buttons = ANSWERS.map((a) => button(t(`rsvp.answer.${a}` as MessageKey), () => void choose(a), {
    className: a === (suggested ?? summary.answer) ? 'primary' : 'secondary', 'data-answer': a,
  }));

  async function choose(answer: Answer): Promise<void> {
    for (const b of buttons) b.disabled = true;
    status.classList.remove('error');
    status.textContent = t('rsvp.saving');
    try {
      const saved = await call<Summary>('POST', '/api/rsvp', { token, answer });
      current.textContent = answerLabel(saved.answer);
      status.textContent = saved.answer === 'waitlisted' ? t('rsvp.savedWaitlisted') : t('rsvp.saved', { answer: answerLabel(saved.answer) });
      buttons.forEach((b) => { b.className = b.dataset.answer === answer ? 'primary' : 'secondary'; });
    } catch (e) {
      status.classList.add('error');
      status.textContent = t(e instanceof Refused ? problemMessage(e.status, e.code) : 'rsvp.unreachable');
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  }

  const rows: [string, Node | string][] = [[t('rsvp.when'), range(summary.start, summary.end, summary.language)]];
  const later = summary.recurring ? summary.upcoming.slice(1) : [];
  if (later.length > 0) rows.push([t('rsvp.next'), h('ul', {}, ...later.map((o) => h('li', {}, range(o.start, o.end, summary.language))))]);
  if (summary.location) rows.push([t('rsvp.where'), summary.location]);
  if (summary.onlineUrl && /^https?:\/\//i.test(summary.onlineUrl)) {
    rows.push([t('rsvp.online'), h('a', { href: summary.onlineUrl, rel: 'noopener noreferrer', target: '_blank' }, summary.onlineUrl)]);
  }
  if (summary.organizer) rows.push([t('rsvp.organiser'), summary.organizer]);
  rows.push([t('rsvp.yourAnswer'), current]);

  clear(root);
  root.append(card(
    h('h1', { id: 'rsvp-title' }, summary.title),
    h('p', {}, t('rsvp.greeting', { name: summary.personName })),
    summary.changed && !cancelled ? h('p', { className: 'rsvp-note' }, t('rsvp.changed')) : null,
    h('dl', { className: 'rsvp-details' }, ...rows.flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value)])),
    summary.description ? h('p', { className: 'rsvp-description' }, summary.description) : null,
    cancelled
      ? h('p', { id: 'rsvp-cancelled', role: 'alert' }, t('rsvp.cancelled'))
      : h('div', {},
        h('p', {}, suggested ? t('rsvp.suggested', { answer: answerLabel(suggested) }) : t('rsvp.intro')),
        h('div', { className: 'signin-actions rsvp-actions' }, ...buttons),
        status,
        h('p', {}, h('a', { id: 'rsvp-ics', href: `/api/rsvp/${encodeURIComponent(token)}/invite.ics`, download: 'invite.ics' }, t('rsvp.calendar'))))));
  document.title = `${summary.title} — ${t('rsvp.title')}`;
  if (!cancelled) (buttons.find((b) => b.dataset.answer === suggested) ?? buttons[0]).focus();
}

async function start(root: HTMLElement): Promise<void> {
  const { token, answer } = readAnswerLink(location.pathname, location.search);
  document.title = t('rsvp.title');
  if (!token) {
    refusal(root, new Refused(400), () => void start(root));
    root.querySelector('#rsvp-problem')!.textContent = t('rsvp.missing');
    return;
  }
  clear(root);
  root.append(card(h('p', { role: 'status' }, t('rsvp.loading'))));
  try {
    const summary = await call<Summary>('GET', `/api/rsvp/${encodeURIComponent(token)}`);
    // The person's own language; nothing is remembered on this (possibly shared) device.
    setLang(summary.language === 'en' ? 'en' : 'nl', null);
    render(root, token, answer, summary);
  } catch (e) {
    refusal(root, e, () => void start(root));
  }
}

void start(document.getElementById('rsvp')!);
