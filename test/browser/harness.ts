/**
 * Browser tests for the managers' sidebar: loads the real built page (dist/sidebar.html) into
 * headless Debian Chromium and bridges its `google.script.run` calls to the real bundle
 * (dist/Code.js) running in the emulator, so a test drives the sidebar as a manager would and
 * checks what the server did. How to write one: test/browser/README.md.
 *
 * Importing this module registers two Jest hooks in the importing test file: after each test,
 * every sidebar it opened is closed and the test fails if the page threw, logged an error or
 * tried to reach the network; after all tests, the browser is closed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { errorMessage } from '../../emulator/runtime';
import type { ScenarioRun } from '../../emulator/scenario';
import { installGoogleScript, type ClientConfig, type Encoded, type Reply } from './google-script-client';

/** Debian's chromium package (`apt-get install -y chromium`); Playwright never downloads a browser here. */
export const CHROMIUM = '/usr/bin/chromium';
/** Editor add-on sidebars are 300 px wide (PLATFORM.md, HtmlService); the height is the window's. */
export const SIDEBAR_VIEWPORT = { width: 300, height: 900 };
/** Calls google.script.run lets through at once; the 11th waits (PLATFORM.md, HtmlService). */
export const MAX_IN_FLIGHT = 10;

const ROOT = path.resolve(__dirname, '..', '..');
// chromium.launch gives every browser a fresh temporary profile (user-data-dir) and deletes it on close.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Where the page appears to live: served by the harness itself, never fetched from a network. */
const PAGE_URL = 'https://sidebar.baton.test/userCodeAppPanel';
const RUN_BINDING = '__batonHarnessRun';
const HOST_BINDING = '__batonHarnessHost';
const CLOCK_HOOK = '__batonHarnessSetClock';

/** One google.script.run call the page made, in the order the page sent them. */
export interface ServerCall {
  /** The server function's name. */
  fn: string;
  /** The arguments as the page passed them (a Date stays a Date here; the wire rules apply on the way in). */
  args: unknown[];
  /** The user the call ran as (the sidebar's user). */
  user: string;
  /** `waiting`: held by `hold()`, or still running. */
  state: 'waiting' | 'succeeded' | 'failed';
  /** What the success handler got (after the wire rules: a Date became null). */
  result?: unknown;
  /** The message of the Error the failure handler got. */
  error?: string;
}

/** A google.script.host call: `close`, `editor.focus`, `setHeight`, `setWidth`. */
export interface HostCall {
  what: string;
  args: unknown[];
}

/** Something the page did that fails the test unless the test takes it with `takeProblems()`. */
export interface Problem {
  kind: 'pageerror' | 'console' | 'request' | 'crash';
  text: string;
}

export interface OpenSidebarOptions {
  /** The emulated spreadsheet with Baton in it, usually after `run.install()`. */
  run: ScenarioRun;
  /** Who opened the sidebar: every server call runs as this user. */
  user: string;
  /** Default 300 × 900, the add-on sidebar's width. */
  viewport?: { width: number; height: number };
  /** The page to load; default dist/sidebar.html as built (tests of the harness pass their own). */
  html?: string;
  /** The browser's time zone; default the spreadsheet's. */
  timezoneId?: string;
}

/** An open sidebar: the Playwright page plus what the page asked of the server and the host. */
export interface Sidebar {
  readonly page: Page;
  /** Every server call the page made, in order; entries update as calls finish. */
  readonly calls: readonly ServerCall[];
  /** Every google.script.host call the page made (they do nothing else). */
  readonly hostCalls: readonly HostCall[];
  /** Problems so far (page errors, console errors, blocked requests). */
  readonly problems: readonly Problem[];
  /** Returns the problems so far and forgets them, for a test that expects one. */
  takeProblems(): Promise<Problem[]>;
  /** From now on, server calls wait in node (after they left the page) until `release`. */
  hold(): void;
  /** The calls waiting because of `hold()`, oldest first. */
  held(): readonly ServerCall[];
  /** Lets the oldest `count` held calls run; without `count`, all of them, and stops holding. */
  release(count?: number): void;
  /** Moves time on: fires the clock triggers due until `at`, then sets the emulator's and the page's clock to it. */
  advanceTo(at: string | number): Promise<void>;
  /** Closes the page (the Jest hook does it after each test anyway). */
  close(): Promise<void>;
}

/** Per test: starting the browser takes seconds on a busy machine (jest.config.js cannot set this per project). */
export const BROWSER_TEST_TIMEOUT_MS = 60_000;
jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

let browser: Promise<Browser> | null = null;
const openSidebars: SidebarSession[] = [];

/** One browser per test file, started by the first sidebar opened. */
function sharedBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Browser tests need Debian chromium at ${CHROMIUM}: as root, run \`apt-get update && apt-get install -y chromium\` (bash .ci/run does it).`);
  }
  browser ??= chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  return browser;
}

/** Opens the sidebar as `user` sees it, its google.script.run wired to `run`. */
export async function openSidebar(options: OpenSidebarOptions): Promise<Sidebar> {
  const html = options.html ?? readBuiltSidebar();
  const b = await sharedBrowser();
  const context = await b.newContext({
    viewport: options.viewport ?? SIDEBAR_VIEWPORT,
    deviceScaleFactor: 1,
    locale: 'en-US',
    timezoneId: options.timezoneId ?? options.run.scenario.timeZone,
    serviceWorkers: 'block',
  });
  const session = new SidebarSession(options.run, options.user, context, await context.newPage());
  openSidebars.push(session);
  await session.load(html);
  return session;
}

function readBuiltSidebar(): string {
  const file = path.join(ROOT, 'dist', 'sidebar.html');
  if (!existsSync(file)) throw new Error(`No ${file}: run \`npm run build\` first.`);
  return readFileSync(file, 'utf8');
}

/** An argument that is not data on the wire (DOM node, Map, cycle): not a plain object, so toWire refuses it. */
class Unsendable {
  constructor(readonly kind: string) {}
  get [Symbol.toStringTag](): string {
    return this.kind;
  }
}

function decode(e: Encoded): unknown {
  switch (e.t) {
    case 'value':
      return e.v;
    case 'undefined':
      return undefined;
    case 'array':
      return e.v.map(decode);
    case 'object':
      return Object.fromEntries(Object.entries(e.v).map(([k, v]) => [k, decode(v)]));
    case 'date':
      return new Date(e.v);
    case 'function':
      return function unsendable() {};
    case 'other':
      return new Unsendable(e.v);
  }
}

class SidebarSession implements Sidebar {
  readonly calls: ServerCall[] = [];
  readonly hostCalls: HostCall[] = [];
  problems: Problem[] = [];
  private holding = false;
  private readonly gate: { call: ServerCall; go: () => void }[] = [];
  private closed = false;

  constructor(
    private readonly run: ScenarioRun,
    private readonly user: string,
    private readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  async load(html: string): Promise<void> {
    const { context, page } = this;
    page.on('pageerror', (err) => this.problems.push({ kind: 'pageerror', text: err.stack || err.message }));
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.problems.push({ kind: 'console', text: msg.text() });
    });
    page.on('crash', () => this.problems.push({ kind: 'crash', text: 'the page crashed' }));
    // Nothing leaves the machine: the page itself is served from memory, everything else is refused and reported.
    await context.route('**/*', (route, request) => {
      if (request.url() === PAGE_URL && request.isNavigationRequest() && request.frame() === page.mainFrame()) {
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      }
      this.problems.push({ kind: 'request', text: `blocked ${request.method()} ${request.url()}` });
      return route.abort('blockedbyclient');
    });
    await context.routeWebSocket(/.*/, (ws) => {
      this.problems.push({ kind: 'request', text: `blocked WebSocket ${ws.url()}` });
      void ws.close();
    });
    await context.exposeBinding(RUN_BINDING, (_source, fn: string, args: Encoded[]) => this.serve(fn, args.map(decode)));
    await context.exposeBinding(HOST_BINDING, (_source, what: string, args: Encoded[]) => {
      this.hostCalls.push({ what, args: args.map(decode) });
    });
    const config: ClientConfig = {
      functions: this.run.host.globalFunctions().filter((f) => !f.endsWith('_') && f !== 'Date'), // Date: the emulator's clock shim
      runBinding: RUN_BINDING,
      hostBinding: HOST_BINDING,
      maxInFlight: MAX_IN_FLIGHT,
      now: this.run.rt.now(),
      clockHook: CLOCK_HOOK,
    };
    await context.addInitScript(installGoogleScript, config);
    await page.goto(PAGE_URL);
  }

  private async serve(fn: string, args: unknown[]): Promise<Reply> {
    const call: ServerCall = { fn, args, user: this.user, state: 'waiting' };
    this.calls.push(call);
    if (this.holding) await new Promise<void>((go) => this.gate.push({ call, go }));
    const records = this.run.rt.records;
    const before = records.length;
    let failure: string | null;
    let value: unknown;
    try {
      // Applies the wire rules (toWire) and refuses names ending in "_" before it runs anything.
      value = this.run.call(this.user, fn, args);
      // A script error does not throw out of the emulator: the execution's record holds it (it is the last one pushed).
      failure = records.length > before ? records[records.length - 1].error : null;
    } catch (err) {
      failure = errorMessage(err);
    }
    if (failure !== null) {
      call.state = 'failed';
      call.error = failure;
      return { ok: false, message: failure };
    }
    call.state = 'succeeded';
    call.result = value;
    return { ok: true, value };
  }

  async takeProblems(): Promise<Problem[]> {
    await this.settle();
    const taken = this.problems;
    this.problems = [];
    return taken;
  }

  /** A round trip to the page, so events it sent before now (errors, console) have arrived. */
  async settle(): Promise<void> {
    if (!this.closed) await this.page.evaluate('0').catch(() => undefined);
  }

  hold(): void {
    this.holding = true;
  }

  held(): readonly ServerCall[] {
    return this.gate.map((g) => g.call);
  }

  release(count?: number): void {
    if (count === undefined) this.holding = false;
    for (const g of this.gate.splice(0, count ?? this.gate.length)) g.go();
  }

  async advanceTo(at: string | number): Promise<void> {
    const ms = typeof at === 'string' ? Date.parse(at) : at;
    if (Number.isNaN(ms)) throw new Error(`advanceTo: not a time: ${at}`);
    this.run.fireClockUntil(ms);
    this.run.rt.clock.set(ms);
    const now = this.run.rt.now();
    // The open page now, and any page loaded later (init scripts run in the order they were added).
    const setClock = ({ hook, ms }: { hook: string; ms: number }) => (globalThis as unknown as Record<string, (ms: number) => void>)[hook](ms);
    await this.context.addInitScript(setClock, { hook: CLOCK_HOOK, ms: now });
    await this.page.evaluate(setClock, { hook: CLOCK_HOOK, ms: now });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.release();
    await this.context.close();
  }
}

/** Set by `npm run screenshots`: only then do the browser tests refresh docs/screenshots/. */
export const UPDATE_DOCS_ENV = 'BATON_UPDATE_SCREENSHOTS';

/**
 * Saves a PNG of the page as test-artifacts/screenshots/<name>.png (untracked). Under
 * `npm run screenshots` (BATON_UPDATE_SCREENSHOTS=1), and unless `docs: false`, also as
 * docs/screenshots/<name>.png, what the README shows: tests never change tracked files otherwise.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean; docs?: boolean } = {}): Promise<string[]> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`screenshot name "${name}": use lowercase letters, digits and dashes`);
  const png = await page.screenshot({ fullPage: options.fullPage ?? false, animations: 'disabled', caret: 'hide' });
  const docs = options.docs !== false && process.env[UPDATE_DOCS_ENV] === '1';
  const dirs = ['test-artifacts/screenshots', ...(docs ? ['docs/screenshots'] : [])];
  return dirs.map((dir) => {
    const file = path.join(ROOT, dir, `${name}.png`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, png);
    return file;
  });
}

/**
 * Retries `check` (e.g. a Jest `expect`) until it stops throwing, then returns its result; after
 * `timeout` ms, throws its last error. For state Playwright's locators cannot wait on, such as
 * `sidebar.calls`; never for asserting how long something took.
 */
export async function eventually<T>(check: () => T | Promise<T>, { timeout = 20_000, interval = 25 } = {}): Promise<T> {
  // Counts attempts rather than reading the wall clock.
  for (let attempt = 0; ; attempt++) {
    try {
      return await check();
    } catch (err) {
      if (attempt * interval >= timeout) throw err;
      await new Promise((r) => setTimeout(r, interval));
    }
  }
}

afterEach(async () => {
  const sessions = openSidebars.splice(0);
  const problems: Problem[] = [];
  for (const s of sessions) {
    await s.settle();
    problems.push(...s.problems);
    await s.close();
  }
  if (problems.length) {
    const list = problems.map((p) => `- ${p.kind}: ${p.text}`).join('\n');
    throw new Error(`The sidebar page had problems (a test that expects one takes it with sidebar.takeProblems()):\n${list}`);
  }
});

afterAll(async () => {
  for (const s of openSidebars.splice(0)) await s.close();
  const b = browser;
  browser = null;
  // A browser that failed to start has nothing to close (its test already failed with the reason).
  if (b) await b.then((x) => x.close(), () => undefined);
});
