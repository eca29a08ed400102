/* istanbul ignore file: this runs in the browser, inside the sidebar's iframe. */
/**
 * The sidebar's `google.script.run` in the playground: the browser-test harness's client (chainable
 * runners, success and failure handlers, user objects, replies in a later task, at most 10 calls in
 * flight, the page's clock set to the emulator's), with its bridge to node replaced by a POST to
 * the playground server. Bundled by esbuild and put before the sidebar's first <script>.
 */
import { installGoogleScript, type Encoded, type Reply } from '../test/browser/google-script-client';

export interface ShimConfig {
  /** Who the sidebar runs as. */
  user: string;
  /** The public server functions: a runner has exactly these methods, as on Google. */
  functions: string[];
  /** The emulator's clock when the page was served, ms. */
  now: number;
  /** Where calls go: POST {fn, args, user} → {ok, value} | {ok: false, message}. */
  endpoint: string;
}

/** The hidden page function that moves the sidebar's clock; the playground page calls it after time moves on. */
export const CLOCK_HOOK = '__batonPlaygroundSetClock';
/** What the sidebar tells the page after every server call, so the page can show what the call changed. */
export const CALLED_MESSAGE = 'baton-playground:called';
const RUN_BINDING = '__batonPlaygroundRun';
const HOST_BINDING = '__batonPlaygroundHost';

interface FrameGlobals {
  parent: { postMessage(message: unknown, targetOrigin: string): void };
  location: { origin: string };
  [binding: string]: unknown;
}

/** The wire rules (emulator/host.ts toWire) for what cannot travel as JSON: the call fails in the page, as on Google. */
function toJson(e: Encoded, where: string): unknown {
  switch (e.t) {
    case 'value':
      return e.v;
    case 'undefined':
      return null;
    case 'array':
      return e.v.map((x, i) => toJson(x, `${where}[${i}]`));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(e.v)) if (x.t !== 'undefined') out[k] = toJson(x, k);
      return out;
    }
    default:
      throw new Error(`Failed due to illegal value in property: ${where}`);
  }
}

export function start(cfg: ShimConfig): void {
  const w = globalThis as unknown as FrameGlobals;
  w[RUN_BINDING] = async (fn: string, args: Encoded[]): Promise<Reply> => {
    const plain = args.map((a, i) => toJson(a, `args[${i}]`));
    try {
      const res = await fetch(cfg.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ fn, args: plain, user: cfg.user }),
      });
      const reply = (await res.json()) as { ok?: unknown; value?: unknown; message?: unknown };
      if (reply.ok === true) return { ok: true, value: reply.value };
      return { ok: false, message: typeof reply.message === 'string' ? reply.message : `The playground answered ${res.status}.` };
    } finally {
      w.parent.postMessage({ type: CALLED_MESSAGE }, w.location.origin);
    }
  };
  // google.script.host.close(), setHeight(...): nothing to do outside Google.
  w[HOST_BINDING] = async () => undefined;
  installGoogleScript({ functions: cfg.functions, runBinding: RUN_BINDING, hostBinding: HOST_BINDING, maxInFlight: 10, now: cfg.now, clockHook: CLOCK_HOOK });
}
