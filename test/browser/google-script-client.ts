/* istanbul ignore file: this function runs in the browser; coverage counters would break it there. */
/**
 * The page side of the browser-test harness: `installGoogleScript` is serialized into the page
 * (page.addInitScript) and defines `google.script.run` and `google.script.host` as Apps Script's
 * client API does (PLATFORM.md, "HtmlService and the sidebar"; developers.google.com/apps-script/
 * guides/html/reference/run). It must be self-contained: it may not call anything outside itself.
 */

/** Arguments as they leave the page: tagged, so node can apply the emulator's wire rules to what was really passed. */
export type Encoded =
  | { t: 'value'; v: null | boolean | number | string }
  | { t: 'undefined' }
  | { t: 'array'; v: Encoded[] }
  | { t: 'object'; v: Record<string, Encoded> }
  | { t: 'date'; v: number }
  | { t: 'function' }
  /** Anything else that is not data: a DOM node, a Map, a cycle; `v` names it. */
  | { t: 'other'; v: string };

/** What node answers for one call. */
export type Reply = { ok: true; value: unknown } | { ok: false; message: string };

export interface ClientConfig {
  /** The public server functions (top-level, not ending in `_`): the only methods a runner has, as on Google. */
  functions: string[];
  /** Name of the exposed binding that runs a server function in node: (name, args) => Reply. */
  runBinding: string;
  /** Name of the exposed binding that records google.script.host calls: (what, args) => void. */
  hostBinding: string;
  /** Calls in flight at once; more wait in the page (10 on Google). */
  maxInFlight: number;
  /** The emulated clock, ms: what `new Date()` and `Date.now()` say in the page. */
  now: number;
  /** Name of a hidden page function that moves the page's clock: (ms) => void. */
  clockHook: string;
}

export function installGoogleScript(cfg: ClientConfig): void {
  type Handler = (value: unknown, userObject: unknown) => void;
  interface Settings {
    success?: Handler;
    failure?: Handler;
    userObject?: unknown;
  }
  interface FormField {
    name: string;
    type: string;
    value: string;
    checked: boolean;
    disabled: boolean;
  }
  interface PageGlobals {
    google?: unknown;
    Node?: abstract new () => object;
    HTMLFormElement?: abstract new () => { elements: ArrayLike<FormField> };
    [binding: string]: unknown;
  }
  const w = globalThis as unknown as PageGlobals;

  // The page's clock is the emulator's: Date reads a fixed instant that only the test moves.
  // Timers are left alone, so the page runs (and reports uncaught errors) exactly as it would.
  const RealDate = Date;
  let now = cfg.now;
  const FixedDate = function (this: unknown, ...args: unknown[]): unknown {
    if (!new.target) return new RealDate(now).toString();
    return Reflect.construct(RealDate, args.length ? args : [now], new.target);
  } as unknown as DateConstructor;
  Object.defineProperties(FixedDate, {
    prototype: { value: RealDate.prototype },
    now: { value: () => now, writable: true, configurable: true },
    UTC: { value: RealDate.UTC, writable: true, configurable: true },
    parse: { value: RealDate.parse, writable: true, configurable: true },
  });
  Object.defineProperty(RealDate.prototype, 'constructor', { value: FixedDate, writable: true, configurable: true });
  Object.defineProperty(w, 'Date', { value: FixedDate, writable: true, configurable: true });
  Object.defineProperty(w, cfg.clockHook, { value: (ms: number) => (now = ms), enumerable: false });

  const isForm = (v: unknown): v is { elements: ArrayLike<FormField> } => !!w.HTMLFormElement && v instanceof w.HTMLFormElement;

  // A lone form is the one DOM node google.script.run accepts: it sends the named fields' values.
  function formFields(form: { elements: ArrayLike<FormField> }): Encoded {
    const v: Record<string, Encoded> = {};
    for (const el of Array.from(form.elements)) {
      if (!el.name || el.disabled || ['button', 'submit', 'reset', 'file'].includes(el.type)) continue;
      if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) continue;
      v[el.name] = { t: 'value', v: el.value };
    }
    return { t: 'object', v };
  }

  function encode(x: unknown, seen: Set<unknown>): Encoded {
    if (x === null || typeof x === 'boolean' || typeof x === 'number' || typeof x === 'string') return { t: 'value', v: x };
    if (x === undefined) return { t: 'undefined' };
    if (typeof x === 'function') return { t: 'function' };
    const tag = Object.prototype.toString.call(x).slice(8, -1);
    if (tag === 'Date') return { t: 'date', v: (x as Date).getTime() };
    if (typeof x !== 'object') return { t: 'other', v: typeof x };
    if (w.Node && x instanceof w.Node) return { t: 'other', v: tag };
    if (seen.has(x)) return { t: 'other', v: 'cycle' };
    seen.add(x);
    try {
      if (Array.isArray(x)) return { t: 'array', v: x.map((e) => encode(e, seen)) };
      if (tag !== 'Object') return { t: 'other', v: tag };
      const v: Record<string, Encoded> = {};
      for (const k of Object.keys(x)) v[k] = encode((x as Record<string, unknown>)[k], seen);
      return { t: 'object', v };
    } finally {
      seen.delete(x);
    }
  }

  let inFlight = 0;
  const waiting: (() => void)[] = [];
  function pump(): void {
    while (inFlight < cfg.maxInFlight && waiting.length) {
      inFlight++;
      (waiting.shift() as () => void)();
    }
  }

  function call(name: string, args: unknown[], s: Settings): void {
    const encoded = args.length === 1 && isForm(args[0]) ? [formFields(args[0])] : args.map((a) => encode(a, new Set()));
    waiting.push(() => {
      const send = w[cfg.runBinding] as (name: string, args: Encoded[]) => Promise<Reply>;
      send(name, encoded)
        .catch((err: unknown): Reply => ({ ok: false, message: String((err as { message?: unknown })?.message ?? err) }))
        .then((reply) => {
          inFlight--;
          pump();
          // A fresh task, as on Google: handlers never run inside the call or in a microtask of it.
          setTimeout(() => {
            if (reply.ok) {
              if (s.success) s.success(reply.value, s.userObject);
              return;
            }
            const error = new Error(reply.message);
            // No failure handler: the error surfaces as an uncaught page error (the harness fails the test).
            if (!s.failure) throw error;
            s.failure(error, s.userObject);
          }, 0);
        });
    });
    pump();
  }

  function runner(s: Settings): Record<string, unknown> {
    const r: Record<string, unknown> = {
      withSuccessHandler: (fn: Handler) => runner({ ...s, success: fn }),
      withFailureHandler: (fn: Handler) => runner({ ...s, failure: fn }),
      withUserObject: (obj: unknown) => runner({ ...s, userObject: obj }),
    };
    for (const name of cfg.functions) {
      r[name] = (...args: unknown[]): void => call(name, args, s);
    }
    return r;
  }

  const host =
    (what: string) =>
    (...args: unknown[]): void => {
      void (w[cfg.hostBinding] as (what: string, args: Encoded[]) => Promise<void>)(what, args.map((a) => encode(a, new Set())));
    };
  w.google = {
    script: {
      run: runner({}),
      host: {
        origin: 'https://docs.google.com',
        close: host('close'),
        setHeight: host('setHeight'),
        setWidth: host('setWidth'),
        editor: { focus: host('editor.focus') },
      },
    },
  };
}
