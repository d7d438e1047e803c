// Netwerk front end: wires the views to the model, the API and the live feed.
import './styles.css';
import { ApiError, type ExportFormat, api, callJson, exportFormats, getJson } from './api/client';
import type { Change, GraphNode, GraphSchema } from './api/types';
import { canEdit, canPlan, grantedRegions, initialRegion, roleFor } from './auth';
import { type Ctx, indexSchema } from './context';
import { button, clear, download, h } from './dom';
import { type FilterState, visibleNodeIds } from './filters';
import { initLang, lang, loc, onLangChange, t, todayInBrussels } from './i18n';
import { LiveSync, type LiveStatus } from './live';
import { type Delta, GraphModel, deltaSize, nodeName } from './model';
import { type Metrics, parseMetrics } from './metrics';
import { analysisUrl, categoricalColors, evidenceRelationships, type Finding, sequentialColors } from './analysis';
import { type Session, requireSession, signOut } from './session';
import { BlindSpotsView } from './views/blindspots';
import { egoNetwork } from './paths';
import { Editing } from './views/editing';
import { FiltersView } from './views/filters';
import { langSelect } from './views/lang-select';
import { eraseDialog, erasedMessage, exportPerson } from './views/gdpr';
import { openExportDialog } from './views/export-dialog';
import { toolbarMenu } from './views/popup-menu';
import { openImport } from './views/importer';
import { openSheetImport } from './views/sheet-import';
import { type LayoutName, MapView } from './views/map';
import { PanelView } from './views/panel';
import { openPathDialog } from './views/path';
import { NodePicker } from './views/search';
import { accountMenu, devBanner } from './views/session-box';
import { showToast, toastContainer } from './views/toast';
import { TableView } from './views/table';

type View = 'map' | 'table';

class App {
  private schema!: GraphSchema;
  private ctx!: Ctx;
  private readonly model = new GraphModel();
  private session!: Session;
  /** the regions the account may see, by name; plus the whole network when `wholeAllowed` */
  private regions: { id: string; name: string }[] = [];
  private wholeAllowed = false;
  private signedOut = false;
  private region: string | null = localStorage.getItem('netwerk.region') || null;
  private asOf: string | null = null;
  private view: View = 'map';
  private large = localStorage.getItem('netwerk.large') === '1';
  private visible = new Set<string>();
  private metrics: Metrics = new Map();
  private liveStatus: LiveStatus = 'connecting';
  private highlightLabel: string | null = null;

  // persistent elements (kept across language re-renders)
  private readonly mapEl = h('div', { id: 'map', className: 'map', role: 'region', tabindex: '0' });
  private readonly tableEl = h('div', { id: 'table-view', className: 'table-view', hidden: true });
  private readonly panelEl = h('aside', { id: 'panel', className: 'panel', hidden: true, tabindex: '-1' });
  private readonly filtersEl = h('aside', { id: 'filters', className: 'sidebar' });
  private readonly blindSpotsEl = h('aside', { id: 'blindspots', className: 'panel blindspots', hidden: true, tabindex: '-1', 'aria-labelledby': 'blindspots-title' });
  private readonly toastEl = toastContainer();
  private readonly liveEl = h('div', { id: 'live-status', className: 'live-status', role: 'status', 'aria-live': 'polite' });
  private readonly bannerEl = h('div', { id: 'highlight-banner', className: 'banner', hidden: true });
  private readonly loadingEl = h('div', { className: 'loading', role: 'status', 'aria-live': 'polite' });
  private headerEl = h('header');
  private undoButton: HTMLButtonElement | null = null;

  private map!: MapView;
  private panel!: PanelView;
  private table!: TableView;
  private filters!: FiltersView;
  private blindSpots!: BlindSpotsView;
  private editing!: Editing;
  private live!: LiveSync;
  private loadSeq = 0;
  readonly ready: Promise<void>;
  private resolveReady!: () => void;

  constructor(private readonly root: HTMLElement) {
    this.ready = new Promise((r) => { this.resolveReady = r; });
  }

  async start(): Promise<void> {
    document.documentElement.classList.toggle('large-text', this.large);
    this.loadingEl.textContent = t('app.loading');
    this.root.append(this.loadingEl);
    try {
      const session = await requireSession(this.root, () => this.onSignedOut());
      if (!session) return; // the sign-in screen is up
      this.session = session;
      this.schema = await api.schema();
      await this.loadRegions();
    } catch {
      clear(this.loadingEl);
      this.loadingEl.append(h('p', {}, t('app.loadFailed')), button(t('app.retry'), () => location.reload()));
      return;
    }
    if (!this.wholeAllowed && !this.regions.length) { this.showNoAccess(); return; }
    this.region = initialRegion(this.region, { whole: this.wholeAllowed, ids: this.regions.map((r) => r.id) });
    const self = this;
    this.ctx = {
      schema: this.schema,
      ...indexSchema(this.schema),
      model: this.model,
      selectNode: (id, opts) => self.selectNode(id, opts),
      editNode: (n, k) => self.editing.editNode(n, k),
      deleteNode: (n) => void self.editing.deleteNode(n),
      addRelationship: (n) => self.editing.addRelationship(n),
      editRelationship: (r) => self.editing.editRelationship(r),
      deleteRelationship: (r) => void self.editing.deleteRelationship(r),
      showEgo: (id, depth) => self.showEgo(id, depth),
      openPath: (from) => self.openPath(from),
      toast: (m, k) => self.toast(m, k),
      canEdit: () => self.canEdit(),
      exportPerson: (n) => void self.exportPerson(n),
      erasePerson: (n) => void self.erasePerson(n),
    };
    this.loadingEl.remove();
    this.buildShell();
    this.map = new MapView(this.mapEl, this.schema, this.model, { select: (id) => this.selectNode(id, { focus: false, fromMap: true }) });
    if (this.large) this.map.setLargeText(true);
    this.panel = new PanelView(this.panelEl, this.ctx);
    this.table = new TableView(this.tableEl, this.ctx);
    this.filters = new FiltersView(this.filtersEl, this.ctx, {
      changed: (f) => this.filtersChanged(f),
      sizeBy: (m) => this.applySizeBy(m),
      colorBy: (m) => this.applyColorBy(m),
      allEdges: (on) => this.map.setAllEdges(on),
      layout: (l) => void this.map.runLayout(l),
      fit: () => this.map.fit(),
    });
    this.blindSpots = new BlindSpotsView(this.blindSpotsEl, {
      show: (f) => this.showFinding(f),
      plan: canPlan(this.session.account.grants) ? (f) => this.planFromFinding(f) : undefined,
    });
    this.editing = new Editing(this.ctx, {
      afterWrite: () => this.live.catchUp(),
      undoChanged: (can) => { if (this.undoButton) this.undoButton.disabled = !can; },
    });
    this.live = new LiveSync({
      changes: (since) => api.changes(since, 1000),
      lastSequence: () => this.model.lastSequence,
      apply: (changes) => this.applyChanges(changes),
      status: (s) => this.setLiveStatus(s),
    });
    onLangChange(() => this.rerenderAll());
    // the map by keyboard: arrows pan, + and - zoom, 0 fits
    this.mapEl.addEventListener('keydown', (e) => {
      const cy = this.map.cy;
      const step = 60;
      const pan: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
      if (pan[e.key]) { cy.panBy({ x: pan[e.key]![0], y: pan[e.key]![1] }); e.preventDefault(); }
      else if (e.key === '+' || e.key === '=') { cy.zoom({ level: cy.zoom() * 1.25, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }); e.preventDefault(); }
      else if (e.key === '-') { cy.zoom({ level: cy.zoom() / 1.25, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }); e.preventDefault(); }
      else if (e.key === '0') { this.map.fit(); e.preventDefault(); }
    });
    window.addEventListener('resize', () => this.map.resize());
    document.addEventListener('keydown', (e) => this.globalKeys(e));
    await this.load();
    void this.live.start(this.region);
    this.openDeepLink();
    this.resolveReady();
  }

  // ------------------------------------------------------------------ access

  /** The picker offers only the regions the account has a grant for ('*': all of them and the whole network). */
  private async loadRegions(): Promise<void> {
    const all = (await api.regions()).items;
    const offered = grantedRegions(this.session.account.grants, all.map((r) => r.id));
    const byId = new Map(all.map((r) => [r.id, r]));
    const named = await Promise.all(offered.ids.map(async (id) => {
      const n = byId.get(id) ?? await api.node(id).catch(() => null);
      return { id, name: n ? nodeName(n, new Map()) : id };
    }));
    this.wholeAllowed = offered.whole;
    this.regions = named.sort((a, b) => a.name.localeCompare(b.name));
  }

  private canEdit(): boolean {
    return !!this.session && canEdit(this.session.account.grants, this.region);
  }

  /** After a region switch: editing controls and the role shown follow the grants for that region. */
  private applyRole(): void {
    const editable = this.canEdit();
    for (const el of this.headerEl.querySelectorAll<HTMLElement>('.edit-only')) el.hidden = !editable;
    const ro = this.headerEl.querySelector<HTMLElement>('#read-only');
    if (ro) ro.hidden = editable;
    this.headerEl.querySelector('.account-menu')?.replaceWith(accountMenu(this.session, roleFor(this.session.account.grants, this.region)));
    this.panel.refresh();
  }

  private showNoAccess(): void {
    clear(this.root);
    this.root.append(h('main', { className: 'signin-page' }, h('div', { className: 'signin-card' },
      h('h1', {}, t('app.title')),
      h('p', { role: 'alert', id: 'no-access' }, t('auth.noAccess')),
      button(t('auth.signOut'), () => void signOut(this.session), { className: 'secondary', id: 'sign-out' }))));
  }

  /** A 401 from the API: the sign-in screen replaces the app, so stop what still runs. */
  private onSignedOut(): void {
    this.signedOut = true;
    void this.live?.stop().catch(() => undefined);
  }

  /** /?node=<id> (from the audit log) opens that node. */
  private openDeepLink(): void {
    const id = new URLSearchParams(location.search).get('node');
    if (!id) return;
    if (this.selectNode(id, { focus: true })) return;
    api.node(id).then((n) => this.panel.show(n.id, n)).catch(() => this.toast(t('node.gone'), 'error'));
  }

  private async exportPerson(n: GraphNode): Promise<void> {
    try {
      await exportPerson(n);
      this.toast(t('gdpr.exported'));
    } catch (e) { this.toast(t('toast.error', { msg: e instanceof Error ? e.message : String(e) }), 'error'); }
  }

  private async erasePerson(n: GraphNode): Promise<void> {
    const result = await eraseDialog(n, nodeName(n, this.ctx.kinds));
    if (!result) return;
    this.editing.forget(n.id); // nothing of the person may come back through undo
    // the feed names the erased person by a tombstone only: take them off this map now
    const d = this.model.removeNode(n.id);
    if (deltaSize(d)) this.onDelta(d);
    this.selectNode(null);
    this.mapEl.focus();
    this.toast(erasedMessage(result));
    await this.live.catchUp();
  }

  // ------------------------------------------------------------------ shell

  private buildShell(): void {
    clear(this.root);
    this.headerEl = this.buildHeader();
    const main = h('main', { id: 'main', className: 'main', tabindex: '-1' },
      this.bannerEl, this.mapEl, this.tableEl);
    this.mapEl.setAttribute('aria-label', t('map.label'));
    this.mapEl.setAttribute('aria-description', t('map.keys'));
    this.root.append(
      h('a', { href: '#main', className: 'skip-link' }, t('app.skip')),
      this.headerEl,
      h('div', { className: 'layout' }, this.filtersEl, main, this.blindSpotsEl, this.panelEl),
      this.toastEl);
    const skip = this.root.querySelector<HTMLAnchorElement>('.skip-link')!;
    skip.addEventListener('click', (e) => { e.preventDefault(); main.focus(); });
  }

  private buildHeader(): HTMLElement {
    const regionSel = h('select', { id: 'region-select' },
      this.wholeAllowed ? h('option', { value: '' }, t('region.all')) : null,
      ...this.regions.map((r) => h('option', { value: r.id, selected: r.id === this.region }, r.name)));
    regionSel.addEventListener('change', () => {
      this.region = regionSel.value || null;
      localStorage.setItem('netwerk.region', this.region ?? '');
      this.applyRole();
      void this.load().then(() => this.live.watchRegion(this.region));
    });
    const editable = this.canEdit();
    const search = new NodePicker(this.ctx, {
      label: t('search.label'), placeholder: t('search.placeholder'), id: 'search', hideLabel: true,
      onPick: (hit) => {
        if (!this.selectNode(hit.id, { focus: true })) {
          void api.node(hit.id).then((n) => { this.panel.show(n.id, n); this.toast(t('search.notOnMap')); }).catch(() => undefined);
        }
      },
    });
    search.root.classList.add('header-search');
    const asOf = h('input', { type: 'date', id: 'as-of', value: this.asOf ?? '' });
    asOf.addEventListener('change', () => { this.asOf = asOf.value || null; void this.load(); });
    const today = button(t('asOf.today'), () => { asOf.value = ''; this.asOf = null; void this.load(); }, { className: 'secondary small', title: todayInBrussels() });
    const viewMap = button(t('view.map'), () => this.setView('map'), { 'aria-pressed': String(this.view === 'map'), className: 'toggle', id: 'view-map' });
    const viewTable = button(t('view.table'), () => this.setView('table'), { 'aria-pressed': String(this.view === 'table'), className: 'toggle', id: 'view-table' });
    const langSel = langSelect();
    const large = button(t('size.large'), () => {
      this.large = !this.large;
      localStorage.setItem('netwerk.large', this.large ? '1' : '0');
      document.documentElement.classList.toggle('large-text', this.large);
      large.setAttribute('aria-pressed', String(this.large));
      this.map.setLargeText(this.large);
      this.map.resize();
    }, { className: 'toggle', 'aria-pressed': String(this.large), id: 'large-text' });
    this.undoButton = button('↶', () => void this.editing.undo(),
      { id: 'undo', disabled: !this.editing?.canUndo, className: 'secondary edit-only', hidden: !editable, 'aria-label': t('undo.button'), title: t('undo.button') });
    this.renderLiveStatus();
    return h('header', { className: 'app-header' },
      devBanner(this.session),
      h('div', { className: 'header-row' },
        h('div', { className: 'brand' }, h('span', { className: 'brand-mark', 'aria-hidden': 'true' }, '◉'),
          h('div', {}, h('h1', {}, t('app.title')), h('p', { className: 'subtitle' }, t('app.subtitle')),
            accountMenu(this.session, roleFor(this.session.account.grants, this.region)))),
        h('div', { className: 'field inline' }, h('label', { for: 'region-select' }, t('region.label')), regionSel),
        search.root,
        h('div', { className: 'field inline' }, h('label', { for: 'as-of' }, t('asOf.label')), asOf, today),
        h('div', { className: 'spacer' }),
        this.liveEl),
      h('div', { className: 'header-row toolbar', role: 'toolbar', 'aria-label': t('view.label') },
        h('div', { className: 'segmented', role: 'group', 'aria-label': t('view.label') }, viewMap, viewTable),
        button(`+ ${t('map.newNode')}`, () => this.editing.editNode(null), { className: 'primary edit-only', id: 'new-node', hidden: !editable }),
        h('span', { className: 'read-only-badge', id: 'read-only', hidden: editable }, t('role.readOnly')),
        this.undoButton,
        button(t('map.path'), () => this.openPath(this.panel?.current ?? undefined), { id: 'open-path' }),
        button(t('blind.open'), () => { this.blindSpots.toggle(); this.headerEl.querySelector('#open-blindspots')?.setAttribute('aria-pressed', String(this.blindSpots.isOpen)); },
          { id: 'open-blindspots', className: 'toggle', 'aria-pressed': String(this.blindSpots?.isOpen ?? false), 'aria-controls': 'blindspots' }),
        h('a', { href: '/planner.html', id: 'open-planner', className: 'button-link secondary' }, t('planner.open')),
        h('a', { href: `/jaarverslag.html${this.region ? `?${new URLSearchParams({ region: this.region })}` : ''}`, id: 'open-annual', className: 'button-link secondary' }, t('annual.open')),
        h('div', { className: 'spacer' }),
        toolbarMenu(t('map.export'), 'export-menu', [
          button(t('map.exportPng'), () => download(`netwerk-${todayInBrussels()}.png`, this.map.png()), { className: 'secondary', id: 'export-png' }),
          button(t('map.exportJson'), () => this.exportJson(), { className: 'secondary', id: 'export-json' }),
          ...(Object.keys(exportFormats) as ExportFormat[]).map((f) => button(t(`map.export.${f}`), () => this.exportFile(f),
            { className: 'secondary', id: `export-${f}` }))]),
        toolbarMenu(t('map.importMenu'), 'import-menu', [
          button(t('map.import'), () => openImport(() => void this.live.catchUp()), { className: 'secondary', id: 'import' }),
          button(t('sheet.open'), () => openSheetImport(() => void this.live.catchUp()), { className: 'secondary', id: 'import-sheet' })],
        { hidden: !editable, className: 'edit-only' }),
        large, langSel));
  }

  private rerenderAll(): void {
    if (this.signedOut) return; // the sign-in screen renders itself
    const header = this.buildHeader();
    this.headerEl.replaceWith(header);
    this.headerEl = header;
    this.root.querySelector('.skip-link')!.textContent = t('app.skip');
    this.mapEl.setAttribute('aria-label', t('map.label'));
    this.mapEl.setAttribute('aria-description', t('map.keys'));
    this.renderSide();
    this.panel.refresh();
    if (this.view === 'table') this.table.render();
    this.renderBanner();
    void this.blindSpots.load(this.region, this.asOf);
  }

  private setView(v: View): void {
    this.view = v;
    this.mapEl.hidden = v !== 'map';
    this.tableEl.hidden = v !== 'table';
    this.headerEl.querySelector('#view-map')?.setAttribute('aria-pressed', String(v === 'map'));
    this.headerEl.querySelector('#view-table')?.setAttribute('aria-pressed', String(v === 'table'));
    if (v === 'table') { this.table.setVisible(this.visible); this.table.render(); } else this.map.resize();
  }

  // ------------------------------------------------------------------ data

  private async load(): Promise<void> {
    const seq = ++this.loadSeq;
    this.mapEl.setAttribute('aria-busy', 'true');
    try {
      // read the feed position first, then the graph: nothing committed in between is missed
      performance.mark('netwerk:load');
      const health = await api.health();
      const graph = await api.graph(this.region, this.asOf);
      if (seq !== this.loadSeq) return;
      performance.measure('netwerk:fetch', 'netwerk:load');
      this.model.asOf = this.asOf;
      this.model.load(graph, Number(health.store.latestSequence));
      this.visible = visibleNodeIds(this.model, this.filters.state);
      const layout: LayoutName = this.model.nodes.size > 3000 ? 'grouped' : this.map.layout;
      this.filters.setLayout(layout);
      performance.mark('netwerk:model');
      await this.map.render(this.visible, layout);
      this.filters.bigGraph = this.map.isBig;
      this.filters.allEdges = this.map.showsAllEdges;
      this.renderSide();
      performance.measure('netwerk:map', 'netwerk:model');
      performance.mark('netwerk:after-map');
      this.table.setVisible(this.visible);
      if (this.view === 'table') this.table.render();
      this.clearHighlight();
      if (this.panel.current) this.panel.refresh();
      performance.measure('netwerk:after-map', 'netwerk:after-map');
      requestAnimationFrame(() => requestAnimationFrame(() => performance.measure('netwerk:first-frame', 'netwerk:after-map')));
      void this.loadMetrics();
      void this.blindSpots.load(this.region, this.asOf);
      await this.live?.catchUp();
      performance.measure('netwerk:catch-up', 'netwerk:after-map');
    } catch (e) {
      this.toast(t('toast.error', { msg: e instanceof ApiError ? e.message : t('app.loadFailed') }), 'error');
    } finally {
      if (seq === this.loadSeq) this.mapEl.removeAttribute('aria-busy');
    }
  }

  private async applyChanges(changes: Change[]): Promise<void> {
    const d = this.model.applyChanges(changes);
    if (d.missingNodes.length) {
      // a new tie reaching outside the map: bring in the far end when the near end is shown
      const wanted = d.pending.filter((r) => this.model.nodes.has(r.from) || this.model.nodes.has(r.to))
        .map((r) => (this.model.nodes.has(r.from) ? r.to : r.from));
      const fetched = await Promise.all([...new Set(wanted)].slice(0, 50).map((id) => api.node(id).catch(() => null)));
      this.model.addNodes(fetched.filter((n): n is GraphNode => !!n), d);
      this.model.placePending(d.pending, d);
    }
    if (d.unknownErasures) await this.dropErased(d);
    if (deltaSize(d)) this.onDelta(d);
  }

  /**
   * Someone was erased whom the feed cannot name (a person without relationships is known there only by a
   * tombstone): read the view again and take off the map whoever is no longer in it. Rare, and no new layout.
   */
  private async dropErased(d: Delta): Promise<void> {
    const current = await api.graph(this.region, this.asOf).catch(() => null);
    if (!current) return;
    const present = new Set(current.nodes.map((n) => n.id));
    for (const id of [...this.model.nodes.keys()]) if (!present.has(id)) this.model.removeNode(id, d);
  }

  private onDelta(d: Delta): void {
    this.visible = visibleNodeIds(this.model, this.filters.state);
    this.map.applyDelta(d, this.visible);
    this.table.setVisible(this.visible);
    if (this.view === 'table') this.table.render();
    const structural = d.addedNodes.length + d.removedNodes.length > 0;
    if (structural) this.renderSide(); else this.updateCount();
    const cur = this.panel.current;
    if (cur) {
      if (d.removedNodes.includes(cur)) this.selectNode(null);
      else this.panel.refresh();
    }
    this.flashLive(deltaSize(d));
  }

  /** Node size by a metric: the client's degree, equal, or one from the analysis API. */
  private applySizeBy(metric: string): void {
    if (metric === 'degree') this.map.setMetric(null);
    else if (metric === 'none') this.map.setMetric(new Map());
    else this.map.setMetric(this.metrics.get(metric) ?? null);
  }

  /** The analysis API's per-node metrics, when the server has them (404 until it does). */
  private async loadMetrics(): Promise<void> {
    try {
      this.metrics = parseMetrics(await getJson(analysisUrl('metrics', this.region, this.asOf)));
    } catch { this.metrics = new Map(); }
    const names = [...this.metrics.keys()];
    if (names.join() !== this.filters.metricNames.join()) { this.filters.metricNames = names; this.renderSide(); }
    if (!this.metrics.has(this.filters.sizeBy) && !['degree', 'none'].includes(this.filters.sizeBy)) this.filters.sizeBy = 'degree';
    if (this.filters.sizeBy !== 'degree') this.applySizeBy(this.filters.sizeBy);
    if (!this.metrics.has(this.filters.colorBy)) this.filters.colorBy = 'default';
    this.applyColorBy(this.filters.colorBy);
  }

  /** Node colour by kind and sector, by community (one colour each) or by a metric (light to dark). */
  private applyColorBy(metric: string): void {
    const values = this.metrics.get(metric);
    this.map.setColors(!values ? null : metric === 'community' ? categoricalColors(values) : sequentialColors(values));
  }

  /** Highlights a blind spot's evidence on the map. */
  /** One action from a blind spot to a draft meeting whose invite list is the finding's evidence; the planner opens it. */
  private async planFromFinding(finding: Finding): Promise<void> {
    try {
      const { body } = await callJson<{ id: string }>('POST', '/api/meetings/from-finding', { findingId: finding.id, region: this.region, asOf: this.asOf });
      this.toast(t('blind.planned'));
      location.href = `/planner.html#meeting/${encodeURIComponent(body.id)}`;
    } catch (e) {
      this.toast(e instanceof Error ? e.message : String(e), 'error');
    }
  }

  private showFinding(finding: Finding): void {
    const nodes = new Set(finding.evidence.nodes.filter((id) => this.visible.has(id)));
    if (nodes.size === 0) { this.toast(t('blind.notOnMap')); return; }
    this.highlight(nodes, evidenceRelationships(finding, this.model.rels.values()), t('blind.highlight', { title: finding.title }));
  }

  private filtersChanged(f: FilterState): void {
    this.visible = visibleNodeIds(this.model, f);
    this.map.applyVisible(this.visible);
    this.table.setVisible(this.visible);
    if (this.view === 'table') this.table.render();
    this.renderSide();
  }

  private renderSide(): void {
    const active = (document.activeElement as HTMLElement | null)?.id;
    this.filters.render(this.visible.size, this.model.nodes.size);
    if (active) (this.filtersEl.querySelector(`#${CSS.escape(active)}`) as HTMLElement | null)?.focus();
  }

  private updateCount(): void {
    const el = this.filtersEl.querySelector('#filter-count');
    if (el) el.textContent = t('filters.count', { shown: this.visible.size, total: this.model.nodes.size });
  }

  // ------------------------------------------------------------------ selection & highlight

  /** Returns false when the node is not on the map. */
  private selectNode(id: string | null, opts: { focus?: boolean; fromMap?: boolean } = {}): boolean {
    if (!id) {
      this.panel.show(null);
      this.map.select(null);
      return true;
    }
    const onMap = this.model.nodes.has(id) && this.visible.has(id);
    if (opts.focus && onMap) this.map.focus(id);
    else if (onMap) this.map.select(id);
    this.panel.show(id);
    if (!opts.fromMap) this.panelEl.querySelector<HTMLElement>('#panel-title')?.focus();
    return onMap;
  }

  private showEgo(id: string, depth: number): void {
    const ego = egoNetwork(this.model, id, depth, this.visible);
    const n = this.model.nodes.get(id);
    this.highlight(ego.nodes, ego.rels, t('map.egoActive', { name: n ? nodeName(n, this.ctx.kinds) : id, depth }));
  }

  private openPath(from?: string): void {
    openPathDialog(this.ctx, from, this.visible, (nodes, rels, label) => this.highlight(nodes, rels, label));
  }

  private highlight(nodes: Set<string>, rels: Set<string>, label: string): void {
    if (this.view !== 'map') this.setView('map');
    this.map.highlight(nodes, rels);
    this.highlightLabel = label;
    this.renderBanner();
  }

  private clearHighlight(): void {
    this.map?.clearHighlight();
    this.highlightLabel = null;
    this.renderBanner();
  }

  private renderBanner(): void {
    clear(this.bannerEl);
    this.bannerEl.hidden = !this.highlightLabel;
    if (!this.highlightLabel) return;
    this.bannerEl.append(h('span', { role: 'status' }, this.highlightLabel), button(t('map.clearHighlight'), () => this.clearHighlight(), { className: 'secondary small', id: 'clear-highlight' }));
  }

  // ------------------------------------------------------------------ live status & toasts

  private setLiveStatus(s: LiveStatus): void {
    this.liveStatus = s;
    this.renderLiveStatus();
  }

  private renderLiveStatus(): void {
    clear(this.liveEl);
    this.liveEl.dataset['status'] = this.liveStatus;
    this.liveEl.append(h('span', { className: 'dot', 'aria-hidden': 'true' }),
      t(this.liveStatus === 'online' ? 'live.online' : this.liveStatus === 'offline' ? 'live.offline' : 'live.connecting'));
  }

  private flashLive(n: number): void {
    this.liveEl.classList.remove('pulse');
    void this.liveEl.offsetWidth;
    this.liveEl.classList.add('pulse');
    this.liveEl.title = t('flash.changed', { n });
  }

  private toast(msg: string, kind: 'info' | 'error' = 'info'): void {
    showToast(this.toastEl, msg, kind);
  }

  private exportJson(): void {
    const doc = this.model.toDocument(this.visible);
    const region = this.region ? `-${this.region}` : '';
    download(`netwerk${region}-${this.asOf ?? todayInBrussels()}.json`, new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' }));
  }

  /** GEXF, GraphML, Cypher or CSV of the current view or the whole region, made by the server. */
  private exportFile(format: ExportFormat): void {
    openExportDialog(format, {
      schema: this.schema, region: this.region, asOf: this.asOf,
      visible: () => [...this.visible].sort(),
      toast: (m, k) => this.toast(m, k),
    });
  }

  private globalKeys(e: KeyboardEvent): void {
    if (e.key === 'Escape' && !document.querySelector('dialog[open]')) {
      if (this.panelEl.contains(document.activeElement)) { this.selectNode(null); this.mapEl.focus(); }
      else if (this.highlightLabel) this.clearHighlight();
    }
    if ((e.ctrlKey || e.metaKey) && e.key === 'z' && !isEditable(e.target) && this.canEdit()) { e.preventDefault(); void this.editing.undo(); }
  }

  /** For tests and the benchmark: read-only access to the map. */
  debug(): unknown {
    return {
      cy: this.map?.cy, model: this.model, ready: this.ready, live: () => this.liveStatus, loc: (x: { nl: string; en: string }) => loc(x),
      layout: (name: LayoutName) => this.map.runLayout(name),
      select: (id: string) => this.selectNode(id, { focus: true }),
    };
  }
}

function isEditable(t: EventTarget | null): boolean {
  return t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement;
}

initLang();
document.documentElement.lang = lang();
document.title = `${t('app.title')} — ${t('app.subtitle')}`;
const app = new App(document.getElementById('app')!);
(window as unknown as { netwerk: { app: App; debug: () => unknown } }).netwerk = { app, debug: () => app.debug() };
void app.start();
