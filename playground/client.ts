/* istanbul ignore file: this runs in the browser (bundled by esbuild when the server starts). */
/**
 * The playground page: draws the emulated spreadsheet as Sheets would (frozen rows and columns,
 * the colours the emulator's conditional-format evaluation gives, dropdown and protected cells,
 * Baton's hidden tabs behind a toggle, the report's charts) beside the real sidebar, and sends
 * what the person does (act as, advance time, add a lead, type a value) to the server. After
 * each action it highlights the cells that changed and shows the server's one-line summary.
 * Cell text only ever goes into `textContent`: lead names may contain HTML.
 *
 * The tools tsconfig has no DOM library (DOM types must not leak into node code), so the few DOM
 * members used here are declared below.
 */
import type { ChartView, LeadField, PlaygroundState, TabView } from './session';
import { CALLED_MESSAGE, CLOCK_HOOK } from './shim';

interface Elem {
  textContent: string | null;
  value: string;
  disabled: boolean;
  checked: boolean;
  open: boolean;
  className: string;
  src: string;
  scrollLeft: number;
  scrollTop: number;
  readonly offsetLeft: number;
  readonly style: Record<string, string>;
  readonly dataset: Record<string, string | undefined>;
  readonly contentWindow: Record<string, unknown> | null;
  append(...nodes: (Elem | string)[]): void;
  replaceChildren(...nodes: (Elem | string)[]): void;
  setAttribute(name: string, value: string): void;
  getAttribute(name: string): string;
  addEventListener(type: string, listener: (event: { preventDefault(): void }) => void): void;
  querySelectorAll(selectors: string): ArrayLike<Elem>;
  reset(): void;
  focus(): void;
}
interface PageGlobals {
  document: {
    getElementById(id: string): Elem | null;
    createElement(tag: string): Elem;
    createElementNS(ns: string, tag: string): Elem;
    querySelectorAll(selectors: string): ArrayLike<Elem>;
  };
  location: { origin: string };
  addEventListener(type: 'message', listener: (event: { origin: string; source: unknown; data: unknown }) => void): void;
}
const page = globalThis as unknown as PageGlobals;
const doc = page.document;
const SVG = 'http://www.w3.org/2000/svg';

function byId(id: string): Elem {
  const el = doc.getElementById(id);
  if (!el) throw new Error(`The page has no #${id}`);
  return el;
}

function el(tag: string, text?: string, className?: string): Elem {
  const e = doc.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function svg(tag: string, attrs: Record<string, string | number>, text?: string): Elem {
  const e = doc.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

const ui = {
  clock: byId('clock'),
  user: byId('user'),
  tabs: byId('tabs'),
  showHidden: byId('show-hidden'),
  grid: byId('grid'),
  emails: byId('emails'),
  status: byId('status'),
  sidebar: byId('sidebar'),
  sidebarUser: byId('sidebar-user'),
  addLead: byId('add-lead'),
  addLeadPanel: byId('add-lead-panel'),
  leadFields: byId('lead-fields'),
  typeValue: byId('type-value'),
  header: byId('type-value').querySelectorAll('select[name="header"]')[0],
};

let currentTab = 'Leads';
let user = '';
let state: PlaygroundState | null = null;
/** The first time Leads is drawn, it scrolls right to the handoff columns (frozen ones stay put). */
let scrolledToHandoff = false;
const HANDOFF_COLUMN = 'Status';

function say(message: string, error = false): void {
  ui.status.textContent = message;
  ui.status.className = error ? 'error' : '';
}

/** GET (no body) or POST JSON; an answer with `ok: false` or an HTTP error throws its message. */
async function api<T>(path: string, body?: unknown): Promise<T> {
  const init = body === undefined ? undefined : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const res = await fetch(path, init);
  const json = (await res.json()) as T & { ok?: boolean; message?: string };
  if (!res.ok || json.ok === false) throw new Error(json.message ?? `The playground answered ${res.status}.`);
  return json;
}

function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Measures text as the grid draws it (12px), to size columns to their content. */
const measure = (() => {
  const canvas = doc.createElement('canvas') as unknown as { getContext(kind: '2d'): { font: string; measureText(t: string): { width: number } } | null };
  const ctx = canvas.getContext('2d');
  if (ctx) ctx.font = '12px Roboto, Arial, sans-serif';
  const cache = new Map<string, number>();
  return (text: string): number => {
    let w = cache.get(text);
    if (w === undefined) cache.set(text, (w = ctx ? ctx.measureText(text).width : text.length * 7));
    return w;
  };
})();

/** Column widths that fit their text, like a person who double-clicked each column edge (clamped). */
function widths(tab: TabView): number[] {
  const width = Math.max(0, ...tab.rows.map((r) => r.length));
  return Array.from({ length: width }, (_, c) => {
    const dropdown = tab.styles.some((row) => row[c]?.dd) ? 14 : 0;
    const longest = Math.max(0, ...tab.rows.map((r) => measure(r[c] ?? '')));
    return Math.min(c === width - 1 ? 240 : 200, Math.max(36, Math.ceil(longest) + 12 + dropdown));
  });
}

const ROWNUM_WIDTH = 34;
/** Sheets' default column width, for columns past the data (where charts sit). */
const DEFAULT_WIDTH = 100;
const CHART_WIDTH = 380;
const LETTERS_HEIGHT = 20;
const ROW_HEIGHT = 22;

function renderTabs(s: PlaygroundState): void {
  const showHidden = ui.showHidden.checked;
  const visible = s.tabs.filter((t) => showHidden || !t.hidden);
  if (!visible.some((t) => t.name === currentTab)) currentTab = visible[0]?.name ?? '';
  ui.tabs.replaceChildren(
    ...visible.map((t) => {
      const b = el('button', t.name, t.hidden ? 'hidden-tab' : undefined);
      b.setAttribute('type', 'button');
      b.setAttribute('role', 'tab');
      b.setAttribute('aria-selected', String(t.name === currentTab));
      if (t.hidden) b.setAttribute('title', 'Hidden in Sheets: Baton keeps its own state here.');
      b.addEventListener('click', () => {
        currentTab = t.name;
        renderTabs(s);
      });
      return b;
    }),
  );
  const hiddenCount = s.tabs.filter((t) => t.hidden).length;
  byId('hidden-count').textContent = String(hiddenCount);
  const tab = s.tabs.find((t) => t.name === currentTab);
  if (tab) renderGrid(tab, s.last?.changed[tab.name] ?? []);
  else ui.grid.replaceChildren();
}

function renderGrid(tab: TabView, changed: [number, number][]): void {
  if (drawnTab) scrolls.set(drawnTab, { left: ui.grid.scrollLeft, top: ui.grid.scrollTop });
  const kept = scrolls.get(tab.name) ?? { left: 0, top: 0 };
  drawnTab = tab.name;
  const changedSet = new Set(changed.map(([r, c]) => `${r}:${c}`));
  const w = widths(tab);
  const hidden = new Set(tab.hiddenColumns);
  const shown = w.map((_, c) => c + 1).filter((c) => !hidden.has(c));
  const protectedBy = new Map(tab.protectedColumns.map((p) => [p.column, p]));
  // Frozen columns stick at their offsets from the left edge, after the row numbers.
  const left = new Map<number, number>();
  let x = ROWNUM_WIDTH;
  for (const c of shown) {
    if (c > tab.frozenColumns) break;
    left.set(c, x);
    x += w[c - 1];
  }
  const frozenWidth = x;

  const table = el('table');
  table.setAttribute('aria-label', tab.name);
  const colgroup = el('colgroup');
  const numCol = el('col');
  numCol.style.width = `${ROWNUM_WIDTH}px`;
  colgroup.append(numCol);
  for (const c of shown) {
    const col = el('col');
    col.style.width = `${w[c - 1]}px`;
    colgroup.append(col);
  }
  table.append(colgroup);
  const totalWidth = ROWNUM_WIDTH + shown.reduce((n, c) => n + w[c - 1], 0);
  table.style.width = `${totalWidth}px`;

  const thead = el('thead');
  const letters = el('tr', undefined, 'letters');
  const corner = el('td', '', 'rownum corner');
  letters.append(corner);
  for (const c of shown) {
    const td = el('td', columnLetters(c), 'letter');
    if (left.has(c)) {
      td.className += ' frozen-col';
      td.style.left = `${left.get(c)}px`;
    }
    letters.append(td);
  }
  thead.append(letters);
  table.append(thead);

  const tbody = el('tbody');
  tab.rows.forEach((row, i) => {
    const r = i + 1;
    const frozenRow = r <= tab.frozenRows;
    const tr = el('tr', undefined, frozenRow ? 'frozen-row' : undefined);
    const cellTag = frozenRow ? 'th' : 'td';
    const num = el(cellTag, String(r), 'rownum');
    if (frozenRow) num.style.top = `${LETTERS_HEIGHT + (r - 1) * ROW_HEIGHT}px`;
    tr.append(num);
    for (const c of shown) {
      const text = row[c - 1] ?? '';
      const cell = el(cellTag);
      const style = tab.styles[i]?.[c - 1] ?? null;
      const classes: string[] = [];
      if (style?.n) classes.push('num');
      if (style?.dd) {
        classes.push('dropdown');
        cell.dataset.dropdown = 'true';
      }
      const guard = protectedBy.get(c);
      if (guard && r > tab.frozenRows) classes.push('protected');
      if (guard && r === 1) {
        classes.push('protected-head');
        cell.setAttribute('title', `${text}: protected column (${guard.warningOnly ? 'warning only' : 'only editors it names'})${guard.description ? ` · ${guard.description}` : ''}`);
      } else if (text) cell.setAttribute('title', text);
      if (left.has(c)) {
        classes.push('frozen-col');
        cell.style.left = `${left.get(c)}px`;
      }
      if (frozenRow) cell.style.top = `${LETTERS_HEIGHT + (r - 1) * ROW_HEIGHT}px`;
      if (changedSet.has(`${r}:${c}`)) {
        classes.push('changed');
        cell.dataset.changed = 'true';
      }
      cell.className = classes.join(' ');
      if (style?.bg) cell.style.backgroundColor = style.bg;
      if (style?.fc) cell.style.color = style.fc;
      if (style?.b) cell.style.fontWeight = 'bold';
      if (style?.i) cell.style.fontStyle = 'italic';
      if (style?.s) cell.style.textDecoration = 'line-through';
      cell.dataset.a1 = `${columnLetters(c)}${r}`;
      cell.textContent = text;
      // Clicking a lead's cell puts it in "Type a value", ready to change.
      if (tab.name === 'Leads' && r > 1) cell.addEventListener('click', () => pick(r, (tab.rows[0] ?? [])[c - 1] ?? '', text));
      tr.append(cell);
    }
    tbody.append(tr);
  });
  table.append(tbody);
  // Charts float over the cells at their anchor, as in Sheets; the layer is as wide as what it holds.
  const layer = el('div', undefined, 'layer');
  layer.append(table);
  const colLeft = (column: number) => {
    let at = ROWNUM_WIDTH;
    for (let c = 1; c < column; c++) if (!hidden.has(c)) at += w[c - 1] ?? DEFAULT_WIDTH;
    return at;
  };
  let right = totalWidth;
  for (const chart of tab.charts) {
    const fig = chartFigure(chart);
    const x = colLeft(chart.column);
    fig.style.left = `${x}px`;
    fig.style.top = `${LETTERS_HEIGHT + (chart.row - 1) * ROW_HEIGHT}px`;
    right = Math.max(right, x + CHART_WIDTH + 20);
    layer.append(fig);
  }
  layer.style.width = `${right}px`;
  ui.grid.replaceChildren(layer);
  ui.grid.scrollTop = kept.top;
  if (!scrolledToHandoff && tab.name === 'Leads') {
    // As a person would scroll right to the handoff columns: the frozen Lead ID … Name stay in view.
    const target = shown.indexOf((tab.rows[0] ?? []).indexOf(HANDOFF_COLUMN) + 1);
    if (target >= 0) {
      const before = shown.slice(0, target).reduce((n, c) => n + w[c - 1], ROWNUM_WIDTH);
      ui.grid.scrollLeft = Math.max(0, before - frozenWidth);
    }
    scrolledToHandoff = true;
  } else ui.grid.scrollLeft = kept.left;
}

/** An embedded chart, drawn from the spec the emulator recorded and the data its ranges hold now. */
function chartFigure(chart: ChartView): Elem {
  const fig = el('figure', undefined, 'chart');
  fig.setAttribute('role', 'img');
  fig.setAttribute('aria-label', `Chart: ${chart.title}`);
  fig.dataset.type = chart.type;
  fig.append(el('figcaption', chart.title));
  const values = chart.series[0]?.values ?? [];
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  const W = CHART_WIDTH - 20;
  const H = 200;
  const box = svg('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}` });
  const n = Math.max(1, chart.labels.length);
  if (chart.type === 'BAR') {
    const labelW = 110;
    const band = (H - 10) / n;
    chart.labels.forEach((label, i) => {
      const v = values[i] ?? 0;
      const y = 5 + i * band;
      box.append(svg('text', { x: labelW - 4, y: y + band / 2 + 4, 'text-anchor': 'end', 'font-size': 11 }, label));
      box.append(svg('rect', { x: labelW, y: y + band * 0.15, width: ((W - labelW - 40) * v) / max, height: band * 0.7, fill: '#4285f4' }));
      box.append(svg('text', { x: labelW + ((W - labelW - 40) * v) / max + 4, y: y + band / 2 + 4, 'font-size': 11 }, values[i] === null ? '–' : String(v)));
    });
  } else {
    const base = H - 30;
    const band = (W - 20) / n;
    chart.labels.forEach((label, i) => {
      const v = values[i] ?? 0;
      const h = ((base - 20) * v) / max;
      const x = 10 + i * band;
      box.append(svg('rect', { x: x + band * 0.15, y: base - h, width: band * 0.7, height: h, fill: '#4285f4' }));
      box.append(svg('text', { x: x + band / 2, y: base - h - 4, 'text-anchor': 'middle', 'font-size': 10 }, values[i] === null ? '–' : String(v)));
      box.append(svg('text', { x: x + band / 2, y: H - 12, 'text-anchor': 'middle', 'font-size': 9 }, label.slice(5)));
    });
    box.append(svg('line', { x1: 10, y1: base, x2: W - 10, y2: base, stroke: '#9aa0a6' }));
  }
  fig.append(box);
  fig.append(el('p', `${chart.type.toLowerCase()} chart of ${chart.ranges.join(', ')}`, 'chart-source'));
  return fig;
}

function renderEmails(s: PlaygroundState): void {
  const open = new Set(Array.from(ui.emails.querySelectorAll('details[open]')).map((d) => d.dataset.key));
  ui.emails.replaceChildren(
    ...(s.emails.length
      ? s.emails
          .map((m, i) => ({ m, key: String(i) }))
          .reverse()
          .map(({ m, key }) => {
            const li = el('li');
            const details = el('details');
            details.dataset.key = key;
            details.open = open.has(key);
            details.append(el('summary', `${m.atText} · to ${m.to} · ${m.subject}`));
            details.append(el('pre', m.body, 'mail-body'));
            li.append(details);
            return li;
          })
      : [el('li', 'None yet.')]),
  );
}

function renderLeadForm(fields: LeadField[]): void {
  if (ui.leadFields.querySelectorAll('[name]').length === fields.length) return; // keep what the person typed
  ui.leadFields.replaceChildren(
    ...fields.map((f) => {
      const label = el('label', f.header);
      let input: Elem;
      if (f.options.length) {
        input = el('select');
        input.append(Object.assign(el('option', '(blank)'), { value: '' }));
        for (const o of f.options) input.append(Object.assign(el('option', o), { value: o }));
      } else {
        input = el('input');
        input.setAttribute('maxlength', f.header === 'Name' ? '500' : '50000');
        if (f.header === 'Name') input.setAttribute('required', '');
      }
      input.setAttribute('name', f.header);
      // The label's text would include a dropdown's options: name the field by its header alone.
      input.setAttribute('aria-label', f.header);
      input.dataset.default = f.value;
      input.value = f.value;
      label.append(input);
      return label;
    }),
  );
}

function render(s: PlaygroundState): void {
  state = s;
  ui.clock.textContent = s.nowText;
  ui.clock.setAttribute('datetime', new Date(s.now).toISOString());
  renderTabs(s);
  renderEmails(s);
  renderLeadForm(s.leadFields);
  const headers = (s.tabs.find((t) => t.name === 'Leads')?.rows[0] ?? []).filter((h) => h);
  const keep = ui.header.value || 'Status';
  ui.header.replaceChildren(...headers.map((h) => Object.assign(el('option', h), { value: h })));
  ui.header.value = headers.includes(keep) ? keep : (headers[0] ?? '');
  // The sidebar's clock is the emulator's too (it was set when the frame loaded).
  const hook = ui.sidebar.contentWindow?.[CLOCK_HOOK];
  if (typeof hook === 'function') hook(s.now);
}

let drawn = '';
/** Where each tab was scrolled to, as Sheets keeps it per tab. */
const scrolls = new Map<string, { left: number; top: number }>();
let drawnTab = '';

/** Fetches the state and draws it, unless nothing changed since the last drawing (a sidebar that only read). */
async function refresh(): Promise<PlaygroundState> {
  const s = await api<PlaygroundState>('/api/state');
  const json = JSON.stringify(s);
  if (json !== drawn) render(s);
  drawn = json;
  return s;
}

function loadSidebar(): void {
  const who = state?.users.find((u) => u.email === user);
  ui.sidebarUser.textContent = who ? `${who.name} <${who.email}>${who.manager ? ', a manager' : ''}` : user;
  ui.sidebar.src = `/sidebar.html?user=${encodeURIComponent(user)}`;
}

/** Runs one action, then shows the spreadsheet as it is after it and the server's summary of what changed. */
async function act(what: () => Promise<void>): Promise<void> {
  // One action at a time: a day of sweeps takes a few seconds, and a second click would queue another.
  const buttons = Array.from(doc.querySelectorAll('.controls button, .try button'));
  buttons.forEach((b) => (b.disabled = true));
  say('Working…');
  let failed = false;
  try {
    await what();
  } catch (err) {
    failed = true;
    say((err as Error).message, true);
  }
  try {
    const s = await refresh();
    if (!failed) say(s.last?.summary ?? 'Done.');
  } catch (err) {
    say((err as Error).message, true);
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
}

/** Moves time on in steps of at most an hour, saying how far it got: a day of sweeps takes a few seconds. */
async function advance(minutes: number, label: string): Promise<void> {
  const step = 60;
  const steps = Math.ceil(minutes / step);
  for (let i = 0; i < steps; i++) {
    const m = Math.min(step, minutes - i * step);
    if (steps > 1) say(`Running ${label}: ${i} of ${steps} hours done…`);
    await api('/api/advance', { minutes: m, label, more: i < steps - 1 });
  }
}

/** Fills "Type a value" with a cell of Leads (its row, header and value) and focuses the value. */
function pick(row: number, header: string, value: string): void {
  field(ui.typeValue, 'row').value = String(row);
  ui.header.value = header;
  const input = field(ui.typeValue, 'value');
  input.value = value;
  input.focus();
}

function field(form: Elem, name: string): Elem {
  return form.querySelectorAll(`[name="${name}"]`)[0];
}

function leadRow(name: string): number {
  const rows = state?.tabs.find((t) => t.name === 'Leads')?.rows ?? [];
  const at = rows[0]?.indexOf('Name') ?? -1;
  for (let i = rows.length - 1; i >= 1; i--) if (rows[i][at] === name) return i + 1;
  return 0;
}

const TRY_LEAD = 'Jo Banks';

async function init(): Promise<void> {
  const s = await api<PlaygroundState>('/api/state');
  state = s;
  ui.user.replaceChildren(
    ...s.users.map((u) => Object.assign(el('option', `${u.name} <${u.email}>${u.manager ? ' (manager)' : ''}`), { value: u.email })),
  );
  // A manager first: the editable settings. Switch to a rep to see the read-only view.
  user = (s.users.find((u) => u.manager) ?? s.users[0])?.email ?? '';
  ui.user.value = user;
  render(s);
  say('Try the steps above, or any control: each action says here what it changed, and the changed cells are outlined.');
  loadSidebar();

  ui.user.addEventListener('change', () => {
    user = ui.user.value;
    loadSidebar();
  });
  ui.showHidden.addEventListener('change', () => state && renderTabs(state));
  for (const b of Array.from(doc.querySelectorAll('button[data-minutes]'))) {
    b.addEventListener('click', () => {
      const minutes = Number(b.dataset.minutes);
      void act(() => advance(minutes, b.dataset.label ?? b.textContent ?? ''));
    });
  }
  ui.addLead.addEventListener('submit', (e) => {
    e.preventDefault();
    const values: Record<string, string> = {};
    for (const input of Array.from(ui.addLead.querySelectorAll('[name]'))) values[input.getAttribute('name')] = input.value;
    void act(async () => {
      await api('/api/lead', { values });
      for (const input of Array.from(ui.addLead.querySelectorAll('[name]'))) input.value = input.dataset.default ?? '';
    });
  });
  ui.typeValue.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = { user, row: Number(field(ui.typeValue, 'row').value), header: ui.header.value, value: field(ui.typeValue, 'value').value };
    void act(async () => {
      await api('/api/edit', body);
    });
  });
  byId('try-add').addEventListener('click', () => {
    const values: Record<string, string> = {};
    for (const f of state?.leadFields ?? []) values[f.header] = f.value;
    Object.assign(values, { Name: TRY_LEAD, Phone: '555', Email: '' });
    void act(async () => {
      await api('/api/lead', { values });
      await advance(5, `Added ${TRY_LEAD} (phone "555", no e-mail) by API, then +5 min`);
    });
  });
  byId('try-fix').addEventListener('click', () => {
    const row = leadRow(TRY_LEAD);
    if (!row) return say(`Add ${TRY_LEAD} first (step 1).`, true);
    void act(async () => {
      await api('/api/edit', { user, row, header: 'Email', value: 'jo@example.com' });
    });
  });
  byId('try-breach').addEventListener('click', () => void act(() => advance(60, '+1 hour')));
  byId('try-rule').addEventListener('click', () => {
    // The sidebar is served from this origin: open its Routing section for the person.
    const frame = ui.sidebar.contentWindow as unknown as { document?: { getElementById(id: string): (Elem & { scrollIntoView(o: unknown): void }) | null } } | null;
    const routing = frame?.document?.getElementById('section-routing');
    if (!routing) return say('The sidebar is still loading: try again in a moment.', true);
    routing.open = true;
    routing.scrollIntoView({ block: 'start' });
    say('In the sidebar: change a routing rule (its condition, or who it assigns to), then press Preview: nothing is saved until Save.');
  });
  page.addEventListener('message', (event) => {
    const data = event.data as { type?: unknown } | null;
    if (event.origin !== page.location.origin || event.source !== ui.sidebar.contentWindow || data?.type !== CALLED_MESSAGE) return;
    const before = state?.last?.summary;
    void refresh()
      .then((after) => {
        if (after.last && after.last.summary !== before) say(after.last.summary);
      })
      .catch((err: Error) => say(err.message, true));
  });
}

init().catch((err: Error) => say(`The playground could not start: ${err.message}`, true));
