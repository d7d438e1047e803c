// The meeting planner page: the calendar, one meeting's workspace (#new, #meeting/<id>) and its
// check-in list (#meeting/<id>/checkin). Organisers and regisseurs plan; viewers read.
import './styles.css';
import './planner.css';
import { ApiError, api } from './api/client';
import { type Invitees, meetingsApi } from './api/meetings';
import { isRegisseur } from './auth';
import { indexSchema } from './context';
import { button, clear, h } from './dom';
import { initLang, lang, onLangChange, t } from './i18n';
import { isYmd } from './planning/calendar';
import { LiveSync } from './live';
import { type Session, requireSession } from './session';
import { langSelect } from './views/lang-select';
import { PlannerCalendar } from './views/planner-calendar';
import { CheckinView } from './views/planner-checkin';
import { type LiveView, Lookups, type PlannerCtx, plannerAllowed } from './views/planner-context';
import { MeetingWorkspace } from './views/planner-workspace';
import { accountMenu, devBanner } from './views/session-box';
import { showToast, toastContainer } from './views/toast';

class PlannerPage {
  private ctx!: PlannerCtx;
  private calendar!: PlannerCalendar;
  private readonly main = h('main', { id: 'main', className: 'planner-main', tabindex: '-1' });
  private readonly toasts = toastContainer();
  private signedOut = false;
  private routeSeq = 0;
  /** the screen shown now, told about changes made elsewhere */
  private view: LiveView | null = null;
  private live: LiveSync | null = null;
  private lastSequence = 0;

  constructor(private readonly root: HTMLElement) {}

  async start(): Promise<void> {
    this.root.append(h('p', { role: 'status', className: 'loading' }, t('app.loading')));
    let session: Session | null;
    try {
      session = await requireSession(this.root, () => { this.signedOut = true; });
      if (!session) return;
      const schema = await api.schema();
      const { kinds } = indexSchema(schema);
      const lookups = new Lookups(schema, kinds);
      await lookups.load();
      this.ctx = {
        session, schema, kinds, lookups, canPlan: plannerAllowed(session),
        toast: (msg, kind) => showToast(this.toasts, msg, kind),
        go: (route) => {
          const target = route ? `#${route}` : '';
          if (location.hash === target || (!target && location.hash === '#')) void this.route(); else location.hash = target;
        },
      };
    } catch {
      clear(this.root);
      this.root.append(h('p', { className: 'error', role: 'alert' }, t('app.loadFailed')), button(t('app.retry'), () => location.reload()));
      return;
    }
    this.calendar = new PlannerCalendar(h('div', { id: 'calendar' }), this.ctx);
    onLangChange(() => { if (!this.signedOut) { this.shell(); void this.route(); } });
    window.addEventListener('hashchange', () => void this.route());
    this.shell();
    await this.route();
    void this.startLive(session);
  }

  /** Live: the change feed tells the screen shown about meetings, answers and attendance changed elsewhere. */
  private async startLive(s: Session): Promise<void> {
    try { this.lastSequence = Number((await api.health()).store.latestSequence); } catch { return; }
    this.live = new LiveSync({
      changes: (since) => api.changes(since, 500),
      lastSequence: () => this.lastSequence,
      apply: (changes) => {
        this.lastSequence = Math.max(this.lastSequence, ...changes.map((c) => c.sequence));
        this.view?.remoteChanges(changes);
      },
      status: () => undefined,
    });
    const grants = s.account.grants;
    await this.live.start(grants.some((g) => g.region === '*') ? null : grants[0]?.region ?? null);
  }

  private shell(): void {
    clear(this.root);
    const s = this.ctx.session;
    const role = s.account.grants.length ? strongest(s) : null;
    this.root.append(
      h('a', { href: '#main', className: 'skip-link', id: 'skip' }, t('planner.skip')),
      h('header', { className: 'app-header' }, devBanner(s), h('div', { className: 'header-row' },
        h('div', { className: 'brand' }, h('span', { className: 'brand-mark', 'aria-hidden': 'true' }, '◉'),
          h('div', {}, h('p', { className: 'brand-name' }, t('app.title')), h('p', { className: 'subtitle' }, t('planner.title.page')))),
        h('nav', { className: 'page-nav', 'aria-label': t('planner.pages') },
          h('a', { href: '/', id: 'open-map' }, t('planner.toMap')),
          h('a', { href: '/planner.html', 'aria-current': 'page' }, t('planner.title.page')),
          isRegisseur(s.account.grants) ? h('a', { href: '/admin.html' }, t('admin.open')) : null),
        h('div', { className: 'spacer' }),
        accountMenu(s, role), langSelect())),
      this.main, this.toasts);
    this.root.querySelector('#skip')!.addEventListener('click', (e) => { e.preventDefault(); this.main.focus(); });
  }

  private async route(): Promise<void> {
    if (this.signedOut) return;
    const seq = ++this.routeSeq;
    const [path = '', query = ''] = location.hash.replace(/^#/, '').split('?');
    const params = new URLSearchParams(query);
    const date = params.get('date');
    const day = date && isYmd(date) ? date : null;
    const meeting = /^meeting\/([^/]+)(\/checkin)?$/.exec(path);
    clear(this.main);
    this.view = null;
    try {
      if (path === 'new' && this.ctx.canPlan) {
        this.view = new MeetingWorkspace(this.main, this.ctx, null, null, { date: day });
      } else if (meeting) {
        const id = decodeURIComponent(meeting[1]!);
        this.main.append(h('p', { className: 'loading', role: 'status' }, t('app.loading')));
        const [m, list] = await Promise.all([meetingsApi.get(id), meetingsApi.invitees(id).then((r) => r.body as Invitees).catch(() => null)]);
        if (seq !== this.routeSeq) return;
        clear(this.main);
        if (meeting[2] && this.ctx.canPlan) {
          const checkin = new CheckinView(this.main, this.ctx, m, params.get('occurrence'));
          this.view = checkin;
          await checkin.show();
        } else this.view = new MeetingWorkspace(this.main, this.ctx, m, list, { occurrence: params.get('occurrence') });
      } else {
        document.title = `${t('planner.title.page')} — ${t('app.title')}`;
        this.main.append(this.calendar.root);
        this.view = this.calendar;
        this.calendar.show(day ?? undefined);
      }
    } catch (e) {
      if (seq !== this.routeSeq) return;
      clear(this.main);
      this.main.append(h('p', { role: 'alert', className: 'error', id: 'route-error' }, e instanceof ApiError && e.status === 404 ? t('node.gone') : t('app.loadFailed')),
        button(`← ${t('planner.backToCalendar')}`, () => this.ctx.go(''), { className: 'secondary' }));
    }
  }
}

/** The role to show in the account corner: the strongest the account has anywhere. */
function strongest(s: Session): 'viewer' | 'organiser' | 'regisseur' {
  const g = s.account.grants;
  return g.some((x) => x.role === 'regisseur') ? 'regisseur' : g.some((x) => x.role === 'organiser') ? 'organiser' : 'viewer';
}

initLang();
document.documentElement.lang = lang();
document.title = `${t('planner.title.page')} — ${t('app.title')}`;
void new PlannerPage(document.getElementById('planner')!).start();
