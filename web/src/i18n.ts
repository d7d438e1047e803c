// Every user-visible string of the UI, in Dutch (default) and English. Graph data (names, schema
// labels) comes from the server with its own nl/en labels.

export type Lang = 'nl' | 'en';

const nl = {
  'app.title': 'Netwerk',
  'app.subtitle': 'Regie sociale economie en werk',
  'app.skip': 'Naar de kaart',
  'app.loading': 'Netwerk laden…',
  'app.loadFailed': 'Het netwerk kon niet geladen worden.',
  'app.retry': 'Opnieuw proberen',
  'region.label': 'Werkingsgebied',
  'region.all': 'Hele netwerk',
  'search.label': 'Zoek in het netwerk',
  'search.placeholder': 'Naam van organisatie, persoon, overleg…',
  'search.none': 'Niets gevonden',
  'search.notOnMap': 'Niet zichtbaar op deze kaart (ander werkingsgebied, datum of filter).',
  'asOf.label': 'Stand op datum',
  'asOf.today': 'Vandaag',
  'view.map': 'Kaart',
  'view.table': 'Tabel',
  'view.label': 'Weergave',
  'lang.label': 'Taal',
  'size.large': 'Grote tekst',
  'live.online': 'Verbonden',
  'live.offline': 'Offline – opnieuw verbinden…',
  'live.connecting': 'Verbinden…',
  'live.caughtUp': 'Bijgewerkt: {n} wijziging(en)',
  'filters.title': 'Filters',
  'filters.kinds': 'Soorten',
  'filters.sectors': 'Sectoren',
  'filters.orgTypes': 'Type organisatie',
  'filters.themes': 'Thema’s',
  'filters.platforms': 'Overlegplatformen',
  'filters.tiedHint': 'Toont wat verbonden is met het gekozen thema of overleg.',
  'filters.reset': 'Filters wissen',
  'filters.count': '{shown} van {total} knopen zichtbaar',
  'filters.none': '(geen)',
  'legend.title': 'Legende',
  'legend.sizeBy': 'Grootte volgens',
  'legend.allEdges': 'Alle verbindingen tekenen',
  'legend.allEdgesHint': 'Groot netwerk: standaard worden enkel de verbindingen in beeld getekend.',
  'metric.degree': 'Aantal verbindingen',
  'metric.none': 'Gelijk',
  'metric.betweenness': 'Makelaarsrol (betweenness)',
  'metric.closeness': 'Nabijheid (closeness)',
  'metric.pagerank': 'Invloed (PageRank)',
  'metric.coreNumber': 'Kerngetal (k-core)',
  'metric.community': 'Gemeenschap',
  'layout.label': 'Schikking',
  'layout.force': 'Krachtgericht',
  'layout.grouped': 'Gegroepeerd per soort',
  'map.fit': 'Passend maken',
  'map.export': 'Exporteer',
  'map.exportPng': 'Exporteer PNG',
  'map.exportJson': 'Exporteer JSON',
  'map.import': 'Importeer…',
  'map.newNode': 'Nieuwe knoop',
  'map.path': 'Hoe zijn wij verbonden?',
  'map.clearHighlight': 'Markering wissen',
  'map.label': 'Netwerkkaart',
  'map.keys': 'Pijltjestoetsen verschuiven, + en - zoomen, 0 maakt passend. De tabelweergave toont dezelfde knopen als lijst.',
  'map.empty': 'Geen knopen om te tonen.',
  'map.egoActive': 'Ego-netwerk van {name} (diepte {depth})',
  'map.pathActive': 'Pad: {steps} stap(pen)',
  'panel.close': 'Paneel sluiten',
  'panel.properties': 'Eigenschappen',
  'panel.relationships': 'Relaties',
  'panel.meetings': 'Activiteiten',
  'panel.history': 'Geschiedenis',
  'panel.noRelationships': 'Geen relaties.',
  'panel.noMeetings': 'Geen activiteiten.',
  'panel.noHistory': 'Geen wijzigingen.',
  'panel.historyLoading': 'Geschiedenis laden…',
  'panel.edit': 'Bewerken',
  'panel.delete': 'Verwijderen',
  'panel.addRelationship': 'Relatie toevoegen',
  'panel.ego': 'Ego-netwerk',
  'panel.depth': 'Diepte',
  'panel.pathFrom': 'Verbinding zoeken vanaf hier',
  'panel.editRelationship': 'Relatie bewerken',
  'panel.deleteRelationship': 'Relatie verwijderen',
  'panel.notOnMap': 'niet op de kaart',
  'panel.validity': 'geldig {from} – {until}',
  'panel.version': 'Versie {v}, laatst gewijzigd {at}',
  'panel.yes': 'ja',
  'panel.no': 'nee',
  'history.created': 'aangemaakt',
  'history.updated': 'gewijzigd',
  'history.deleted': 'verwijderd',
  'history.node': 'Knoop',
  'history.relationship': 'Relatie',
  'table.caption': 'Knopen in de huidige weergave',
  'table.name': 'Naam',
  'table.kind': 'Soort',
  'table.type': 'Type / functie',
  'table.sector': 'Sector',
  'table.degree': 'Verbindingen',
  'table.updated': 'Laatst gewijzigd',
  'table.showMore': 'Toon meer ({n} over)',
  'form.newNode': 'Nieuwe knoop',
  'form.editNode': '{kind} bewerken',
  'form.newRelationship': 'Nieuwe relatie',
  'form.editRelationship': 'Relatie bewerken',
  'form.kind': 'Soort',
  'form.type': 'Soort relatie',
  'form.from': 'Van',
  'form.to': 'Naar',
  'form.other': 'Andere knoop',
  'form.pickOther': 'Zoek de andere knoop',
  'form.validFrom': 'Geldig vanaf',
  'form.validUntil': 'Geldig tot en met',
  'form.required': 'verplicht',
  'form.listHint': 'Eén per regel',
  'form.save': 'Opslaan',
  'form.cancel': 'Annuleren',
  'form.saving': 'Opslaan…',
  'form.choose': '— kies —',
  'form.errors': 'Niet opgeslagen. Controleer de gemarkeerde velden.',
  'form.requiredMissing': 'Dit veld is verplicht.',
  'form.noTypes': 'Geen relatiesoorten mogelijk voor deze knoop.',
  'confirm.deleteNode': '“{name}” en al zijn relaties verwijderen?',
  'confirm.deleteRelationship': 'Relatie “{label}” verwijderen?',
  'confirm.yes': 'Verwijderen',
  'conflict.title': 'Iemand anders wijzigde dit intussen',
  'conflict.intro': 'Je wijziging is niet opgeslagen: de versie die je bewerkte is niet meer de laatste. Kies welke versie blijft.',
  'conflict.field': 'Veld',
  'conflict.mine': 'Jouw versie',
  'conflict.theirs': 'Huidige versie (v{v})',
  'conflict.keepMine': 'Mijn versie behouden',
  'conflict.takeTheirs': 'Hun versie nemen',
  'conflict.deleteAnyway': 'Toch verwijderen',
  'conflict.deleted': 'Dit item werd intussen verwijderd.',
  'undo.button': 'Ongedaan maken',
  'undo.done': 'Ongedaan gemaakt.',
  'undo.nothing': 'Niets om ongedaan te maken.',
  'toast.saved': 'Opgeslagen.',
  'toast.deleted': 'Verwijderd.',
  'toast.created': 'Aangemaakt.',
  'toast.error': 'Er ging iets mis: {msg}',
  'toast.offlineSave': 'Geen verbinding met de server.',
  'path.title': 'Hoe zijn wij verbonden?',
  'path.from': 'Van',
  'path.to': 'Naar',
  'path.find': 'Zoek verbinding',
  'path.none': 'Geen verbinding gevonden op deze kaart.',
  'path.result': 'Verbonden in {n} stap(pen):',
  'path.pick': 'Kies twee knopen.',
  'import.title': 'Netwerk importeren',
  'import.file': 'JSON-bestand (importformaat)',
  'import.start': 'Importeren',
  'import.uploading': 'Uploaden… {pct}%',
  'import.processing': 'Verwerken…',
  'import.done': 'Klaar.',
  'import.result': 'Knopen: {nc} nieuw, {nu} gewijzigd, {nn} ongewijzigd. Relaties: {rc} nieuw, {ru} gewijzigd, {rn} ongewijzigd.',
  'import.failed': 'Import geweigerd: {msg}',
  'import.close': 'Sluiten',
  'dialog.close': 'Sluiten',
  'kind.unknown': 'Onbekend',
  'flash.changed': '{n} wijziging(en) ontvangen',
};

export type MessageKey = keyof typeof nl;

const en: Record<MessageKey, string> = {
  'app.title': 'Netwerk',
  'app.subtitle': 'Social economy and work network',
  'app.skip': 'Skip to the map',
  'app.loading': 'Loading the network…',
  'app.loadFailed': 'The network could not be loaded.',
  'app.retry': 'Try again',
  'region.label': 'Region',
  'region.all': 'Whole network',
  'search.label': 'Search the network',
  'search.placeholder': 'Name of an organisation, person, platform…',
  'search.none': 'Nothing found',
  'search.notOnMap': 'Not visible on this map (other region, date or filter).',
  'asOf.label': 'As of date',
  'asOf.today': 'Today',
  'view.map': 'Map',
  'view.table': 'Table',
  'view.label': 'View',
  'lang.label': 'Language',
  'size.large': 'Large text',
  'live.online': 'Connected',
  'live.offline': 'Offline – reconnecting…',
  'live.connecting': 'Connecting…',
  'live.caughtUp': 'Updated: {n} change(s)',
  'filters.title': 'Filters',
  'filters.kinds': 'Kinds',
  'filters.sectors': 'Sectors',
  'filters.orgTypes': 'Organisation type',
  'filters.themes': 'Themes',
  'filters.platforms': 'Platforms',
  'filters.tiedHint': 'Shows what is tied to the chosen theme or platform.',
  'filters.reset': 'Clear filters',
  'filters.count': '{shown} of {total} nodes visible',
  'filters.none': '(none)',
  'legend.title': 'Legend',
  'legend.sizeBy': 'Size by',
  'legend.allEdges': 'Draw all ties',
  'legend.allEdgesHint': 'Large network: by default only the ties in view are drawn.',
  'metric.degree': 'Number of ties',
  'metric.none': 'Equal',
  'metric.betweenness': 'Brokerage (betweenness)',
  'metric.closeness': 'Closeness',
  'metric.pagerank': 'Influence (PageRank)',
  'metric.coreNumber': 'Core number (k-core)',
  'metric.community': 'Community',
  'layout.label': 'Layout',
  'layout.force': 'Force-directed',
  'layout.grouped': 'Grouped by kind',
  'map.fit': 'Fit to screen',
  'map.export': 'Export',
  'map.exportPng': 'Export PNG',
  'map.exportJson': 'Export JSON',
  'map.import': 'Import…',
  'map.newNode': 'New node',
  'map.path': 'How are we connected?',
  'map.clearHighlight': 'Clear highlight',
  'map.label': 'Network map',
  'map.keys': 'Arrow keys pan, + and - zoom, 0 fits. The table view lists the same nodes.',
  'map.empty': 'No nodes to show.',
  'map.egoActive': 'Ego network of {name} (depth {depth})',
  'map.pathActive': 'Path: {steps} step(s)',
  'panel.close': 'Close panel',
  'panel.properties': 'Properties',
  'panel.relationships': 'Relationships',
  'panel.meetings': 'Meetings',
  'panel.history': 'History',
  'panel.noRelationships': 'No relationships.',
  'panel.noMeetings': 'No meetings.',
  'panel.noHistory': 'No changes.',
  'panel.historyLoading': 'Loading history…',
  'panel.edit': 'Edit',
  'panel.delete': 'Delete',
  'panel.addRelationship': 'Add relationship',
  'panel.ego': 'Ego network',
  'panel.depth': 'Depth',
  'panel.pathFrom': 'Find a connection from here',
  'panel.editRelationship': 'Edit relationship',
  'panel.deleteRelationship': 'Delete relationship',
  'panel.notOnMap': 'not on the map',
  'panel.validity': 'valid {from} – {until}',
  'panel.version': 'Version {v}, last changed {at}',
  'panel.yes': 'yes',
  'panel.no': 'no',
  'history.created': 'created',
  'history.updated': 'changed',
  'history.deleted': 'deleted',
  'history.node': 'Node',
  'history.relationship': 'Relationship',
  'table.caption': 'Nodes in the current view',
  'table.name': 'Name',
  'table.kind': 'Kind',
  'table.type': 'Type / function',
  'table.sector': 'Sector',
  'table.degree': 'Ties',
  'table.updated': 'Last changed',
  'table.showMore': 'Show more ({n} left)',
  'form.newNode': 'New node',
  'form.editNode': 'Edit {kind}',
  'form.newRelationship': 'New relationship',
  'form.editRelationship': 'Edit relationship',
  'form.kind': 'Kind',
  'form.type': 'Relationship type',
  'form.from': 'From',
  'form.to': 'To',
  'form.other': 'Other node',
  'form.pickOther': 'Search the other node',
  'form.validFrom': 'Valid from',
  'form.validUntil': 'Valid until (inclusive)',
  'form.required': 'required',
  'form.listHint': 'One per line',
  'form.save': 'Save',
  'form.cancel': 'Cancel',
  'form.saving': 'Saving…',
  'form.choose': '— choose —',
  'form.errors': 'Not saved. Check the marked fields.',
  'form.requiredMissing': 'This field is required.',
  'form.noTypes': 'No relationship types possible for this node.',
  'confirm.deleteNode': 'Delete “{name}” and all its relationships?',
  'confirm.deleteRelationship': 'Delete relationship “{label}”?',
  'confirm.yes': 'Delete',
  'conflict.title': 'Someone else changed this meanwhile',
  'conflict.intro': 'Your change was not saved: the version you edited is no longer the latest. Choose which version stays.',
  'conflict.field': 'Field',
  'conflict.mine': 'Your version',
  'conflict.theirs': 'Current version (v{v})',
  'conflict.keepMine': 'Keep mine',
  'conflict.takeTheirs': 'Take theirs',
  'conflict.deleteAnyway': 'Delete anyway',
  'conflict.deleted': 'This item was deleted meanwhile.',
  'undo.button': 'Undo',
  'undo.done': 'Undone.',
  'undo.nothing': 'Nothing to undo.',
  'toast.saved': 'Saved.',
  'toast.deleted': 'Deleted.',
  'toast.created': 'Created.',
  'toast.error': 'Something went wrong: {msg}',
  'toast.offlineSave': 'No connection to the server.',
  'path.title': 'How are we connected?',
  'path.from': 'From',
  'path.to': 'To',
  'path.find': 'Find connection',
  'path.none': 'No connection found on this map.',
  'path.result': 'Connected in {n} step(s):',
  'path.pick': 'Choose two nodes.',
  'import.title': 'Import a network',
  'import.file': 'JSON file (import format)',
  'import.start': 'Import',
  'import.uploading': 'Uploading… {pct}%',
  'import.processing': 'Processing…',
  'import.done': 'Done.',
  'import.result': 'Nodes: {nc} new, {nu} changed, {nn} unchanged. Relationships: {rc} new, {ru} changed, {rn} unchanged.',
  'import.failed': 'Import refused: {msg}',
  'import.close': 'Close',
  'dialog.close': 'Close',
  'kind.unknown': 'Unknown',
  'flash.changed': '{n} change(s) received',
};

export const messages: Record<Lang, Record<MessageKey, string>> = { nl, en };

const STORAGE_KEY = 'netwerk.lang';
let current: Lang = 'nl';
const listeners = new Set<(l: Lang) => void>();

export function initLang(storage: Pick<Storage, 'getItem'> | null = safeStorage()): Lang {
  const stored = storage?.getItem(STORAGE_KEY);
  current = stored === 'en' ? 'en' : 'nl';
  return current;
}

export function lang(): Lang { return current; }

export function setLang(l: Lang, storage: Pick<Storage, 'setItem'> | null = safeStorage()): void {
  current = l;
  storage?.setItem(STORAGE_KEY, l);
  if (typeof document !== 'undefined') document.documentElement.lang = l;
  for (const f of listeners) f(l);
}

export function onLangChange(f: (l: Lang) => void): void { listeners.add(f); }

export function t(key: MessageKey, vars?: Record<string, string | number>, l: Lang = current): string {
  let s = messages[l][key] ?? messages.nl[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

/** A server-side localized label in the current language. */
export function loc(text: { nl: string; en: string } | undefined | null, l: Lang = current): string {
  if (!text) return '';
  return text[l] || text.nl || text.en || '';
}

const TZ = 'Europe/Brussels';
function locale(l: Lang): string { return l === 'nl' ? 'nl-BE' : 'en-GB'; }

/** An instant (ISO 8601 with offset) shown in Brussels time. */
export function formatDateTime(iso: string | null | undefined, l: Lang = current): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(l), { timeZone: TZ, dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A calendar date (yyyy-MM-dd): no time zone shift. */
export function formatDate(date: string | null | undefined, l: Lang = current): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return formatDateTime(date, l);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale(l), { timeZone: 'UTC', dateStyle: 'medium' }).format(d);
}

/** Today's date in Brussels as yyyy-MM-dd. */
export function todayInBrussels(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return parts; // en-CA formats as yyyy-MM-dd
}

function safeStorage(): Storage | null {
  try { return typeof localStorage !== 'undefined' ? localStorage : null; } catch { return null; }
}
