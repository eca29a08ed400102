/* istanbul ignore file: this runs in the browser (bundled by esbuild when the server starts). */
/**
 * The playground page: shows the emulated spreadsheet's tabs beside the real sidebar, and sends
 * what the person does (act as, advance time, add a lead, type a value) to the server. Cell text
 * only ever goes into `textContent`: lead names may contain HTML.
 *
 * The tools tsconfig has no DOM library (DOM types must not leak into node code), so the few DOM
 * members used here are declared below.
 */
import type { PlaygroundState } from './session';
import { CALLED_MESSAGE, CLOCK_HOOK } from './shim';

interface Elem {
  textContent: string | null;
  value: string;
  disabled: boolean;
  className: string;
  src: string;
  readonly dataset: Record<string, string | undefined>;
  readonly contentWindow: Record<string, unknown> | null;
  append(...nodes: (Elem | string)[]): void;
  replaceChildren(...nodes: (Elem | string)[]): void;
  setAttribute(name: string, value: string): void;
  addEventListener(type: string, listener: (event: { preventDefault(): void }) => void): void;
  querySelectorAll(selectors: string): ArrayLike<Elem>;
  reset(): void;
}
interface PageGlobals {
  document: { getElementById(id: string): Elem | null; createElement(tag: string): Elem; querySelectorAll(selectors: string): ArrayLike<Elem> };
  location: { origin: string };
  addEventListener(type: 'message', listener: (event: { origin: string; source: unknown; data: unknown }) => void): void;
}
const page = globalThis as unknown as PageGlobals;
const doc = page.document;

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

const ui = {
  clock: byId('clock'),
  user: byId('user'),
  tabs: byId('tabs'),
  grid: byId('grid'),
  emails: byId('emails'),
  status: byId('status'),
  sidebar: byId('sidebar'),
  sidebarUser: byId('sidebar-user'),
  addLead: byId('add-lead'),
  typeValue: byId('type-value'),
  header: byId('type-value').querySelectorAll('select[name="header"]')[0],
  leadDefaults: byId('lead-defaults'),
  locations: byId('locations'),
};

let currentTab = 'Leads';
let user = '';

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

function renderTabs(s: PlaygroundState): void {
  if (!s.tabs.some((t) => t.name === currentTab)) currentTab = s.tabs[0]?.name ?? '';
  ui.tabs.replaceChildren(
    ...s.tabs.map((t) => {
      const b = el('button', t.name);
      b.setAttribute('type', 'button');
      b.setAttribute('role', 'tab');
      b.setAttribute('aria-selected', String(t.name === currentTab));
      b.addEventListener('click', () => {
        currentTab = t.name;
        renderTabs(s);
      });
      return b;
    }),
  );
  const tab = s.tabs.find((t) => t.name === currentTab);
  const table = el('table');
  table.setAttribute('aria-label', currentTab);
  const width = Math.max(0, ...(tab?.rows ?? []).map((r) => r.length));
  (tab?.rows ?? []).forEach((row, i) => {
    const tr = el('tr');
    const cellTag = i === 0 ? 'th' : 'td';
    tr.append(el(cellTag, String(i + 1), 'rownum'));
    for (let c = 0; c < width; c++) {
      const cell = el(cellTag, row[c] ?? '');
      if (row[c]) cell.setAttribute('title', row[c]);
      tr.append(cell);
    }
    table.append(tr);
  });
  ui.grid.replaceChildren(table);
}

function render(s: PlaygroundState): void {
  ui.clock.textContent = s.nowText;
  ui.clock.setAttribute('datetime', new Date(s.now).toISOString());
  renderTabs(s);
  ui.emails.replaceChildren(
    ...(s.emails.length ? s.emails.slice().reverse().map((m) => el('li', `${m.atText} · to ${m.to} · ${m.subject}`)) : [el('li', 'None yet.')]),
  );
  const defaults = Object.entries(s.leadDefaults).map(([k, v]) => `${k} ${v}`);
  ui.leadDefaults.textContent = `Also filled in: ${defaults.join(', ')}. The next sweep picks it up.`;
  const headers = (s.tabs.find((t) => t.name === 'Leads')?.rows[0] ?? []).filter((h) => h);
  const keep = ui.header.value || 'Status';
  ui.header.replaceChildren(...headers.map((h) => Object.assign(el('option', h), { value: h })));
  ui.header.value = headers.includes(keep) ? keep : (headers[0] ?? '');
  ui.locations.replaceChildren(...s.serviceAreas.map((a) => Object.assign(el('option'), { value: a })));
  // The sidebar's clock is the emulator's too (it was set when the frame loaded).
  const hook = ui.sidebar.contentWindow?.[CLOCK_HOOK];
  if (typeof hook === 'function') hook(s.now);
}

async function refresh(): Promise<void> {
  render(await api<PlaygroundState>('/api/state'));
}

function loadSidebar(): void {
  ui.sidebarUser.textContent = user;
  ui.sidebar.src = `/sidebar.html?user=${encodeURIComponent(user)}`;
}

/** Runs one action, then shows the spreadsheet as it is after it (and what went wrong, if anything). */
async function act(what: () => Promise<string>): Promise<void> {
  // One action at a time: a day of sweeps takes a few seconds, and a second click would queue another.
  const buttons = Array.from(doc.querySelectorAll('.controls button'));
  buttons.forEach((b) => (b.disabled = true));
  say('Working…');
  try {
    say(await what());
  } catch (err) {
    say((err as Error).message, true);
  }
  try {
    await refresh();
  } catch (err) {
    say((err as Error).message, true);
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
}

function field(form: Elem, name: string): Elem {
  return form.querySelectorAll(`[name="${name}"]`)[0];
}

async function init(): Promise<void> {
  const s = await api<PlaygroundState>('/api/state');
  ui.user.replaceChildren(
    ...s.users.map((u) => Object.assign(el('option', `${u.name} <${u.email}>${u.manager ? ' (manager)' : ''}`), { value: u.email })),
  );
  // A rep first: switch to a manager to see the editable sidebar.
  user = (s.users.find((u) => !u.manager) ?? s.users[0])?.email ?? '';
  ui.user.value = user;
  render(s);
  loadSidebar();

  ui.user.addEventListener('change', () => {
    user = ui.user.value;
    loadSidebar();
  });
  for (const b of Array.from(doc.querySelectorAll('button[data-minutes]'))) {
    b.addEventListener('click', () => {
      const minutes = Number(b.dataset.minutes);
      void act(async () => {
        await api('/api/advance', { minutes });
        return `Time moved on by ${b.textContent ?? ''}; the sweeps due in between ran.`;
      });
    });
  }
  ui.addLead.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = { name: field(ui.addLead, 'name').value, email: field(ui.addLead, 'email').value, location: field(ui.addLead, 'location').value };
    void act(async () => {
      const { row } = await api<{ row: number }>('/api/lead', body);
      ui.addLead.reset();
      return `Added ${body.name} on row ${row} (as an integration would: no trigger fires, the next sweep finds it).`;
    });
  });
  ui.typeValue.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = { user, row: Number(field(ui.typeValue, 'row').value), header: ui.header.value, value: field(ui.typeValue, 'value').value };
    void act(async () => {
      const { range } = await api<{ range: string }>('/api/edit', body);
      return `${user} typed "${body.value}" into ${range}; the edit triggers ran.`;
    });
  });
  page.addEventListener('message', (event) => {
    const data = event.data as { type?: unknown } | null;
    if (event.origin !== page.location.origin || event.source !== ui.sidebar.contentWindow || data?.type !== CALLED_MESSAGE) return;
    void refresh().catch((err: Error) => say(err.message, true));
  });
}

init().catch((err: Error) => say(`The playground could not start: ${err.message}`, true));
