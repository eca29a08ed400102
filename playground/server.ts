/**
 * `npm start`: the playground, a local web page that shows the emulated spreadsheet beside the
 * real sidebar (dist/sidebar.html), both talking to the real bundle (dist/Code.js) in the emulator.
 * `tsx playground/server.ts [SCENARIO.json]` serves it on http://127.0.0.1:$PORT (default 5173);
 * tests call `startPlayground({ port: 0 })`.
 *
 * Local only, and still careful: it listens on 127.0.0.1, answers only requests addressed to that
 * host (no DNS rebinding) and POSTs of JSON from its own pages (no cross-site form posts), reads
 * at most 1 MB of body, checks every body's fields, and never evaluates anything it receives.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import type { Project } from '../emulator/host';
import { ScenarioError } from '../emulator/scenario';
import { BadRequest, PlaygroundSession, Refused } from './session';
import type { ShimConfig } from './shim';

const ROOT = path.resolve(__dirname, '..');
export const DEFAULT_SCENARIO = path.join(ROOT, 'examples', 'demo.json');
export const DEFAULT_PORT = 5173;
/** Request bodies larger than this are refused (413). */
export const MAX_BODY_BYTES = 1024 * 1024;
const SHIM_GLOBAL = '__batonPlaygroundShim';

export interface PlaygroundOptions {
  /** 0 picks a free port. */
  port?: number;
  /** The scenario as JSON data; default examples/demo.json. */
  scenario?: unknown;
  /** The built bundle; default dist/ as built. */
  project?: Project;
  /** The sidebar page; default dist/sidebar.html as built. */
  sidebarHtml?: string;
}

export interface Playground {
  url: string;
  session: PlaygroundSession;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The browser code, bundled once per server: the page's client and the sidebar's google.script.run. */
async function bundle(): Promise<{ client: string; shim: string }> {
  const one = async (file: string, globalName?: string) => {
    const out = await build({
      entryPoints: [path.join(__dirname, file)],
      bundle: true,
      write: false,
      format: 'iife',
      globalName,
      platform: 'browser',
      target: 'es2019',
      charset: 'utf8',
      logLevel: 'silent',
    });
    return out.outputFiles[0].text;
  };
  const [client, shim] = await Promise.all([one('client.ts'), one('shim.ts', SHIM_GLOBAL)]);
  return { client, shim };
}

/** JSON inside an inline <script>: nothing in it can close the script element or start a comment. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The sidebar with the playground's google.script.run put before its first script, as `user` sees it. */
export function injectShim(html: string, shim: string, config: ShimConfig): string {
  if (/<\/script/i.test(shim)) throw new Error('The shim bundle contains "</script": it cannot be inlined.');
  const tag = `<script>${shim}\n${SHIM_GLOBAL}.start(${scriptJson(config)});</script>`;
  const at = html.search(/<script\b/i);
  // A function replacement: `$&` and friends in the code must stay as they are.
  return at < 0 ? html.replace(/<\/head>/i, () => `${tag}</head>`) : html.slice(0, at) + tag + html.slice(at);
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...headers,
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new HttpError(415, 'Send the body as JSON (Content-Type: application/json).');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new HttpError(413, `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `The body is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, `The body is not JSON: ${(err as Error).message}`);
  }
}

/** Starts the playground on 127.0.0.1: plays the scenario, bundles the page, listens. */
export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const scenario = options.scenario ?? JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8'));
  const session = new PlaygroundSession({ scenario, project: options.project });
  const sidebarHtml = options.sidebarHtml ?? readFileSync(path.join(ROOT, 'dist', 'sidebar.html'), 'utf8');
  const indexHtml = readFileSync(path.join(__dirname, 'index.html'), 'utf8');
  const code = await bundle();
  let port = 0;

  const sameHost = (host: string | undefined) => host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  const origins = () => [`http://127.0.0.1:${port}`, `http://localhost:${port}`];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!sameHost(req.headers.host)) throw new HttpError(403, 'This server only answers requests to its own address.');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const route = `${req.method} ${url.pathname}`;
    if (req.method === 'POST') {
      const origin = req.headers.origin;
      if (origin !== undefined && !origins().includes(origin)) throw new HttpError(403, 'Only the playground page may change the spreadsheet.');
    }
    switch (route) {
      case 'GET /':
      case 'GET /index.html':
        return send(res, 200, 'text/html; charset=utf-8', indexHtml, {
          'Content-Security-Policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
          'X-Frame-Options': 'DENY',
        });
      case 'GET /client.js':
        return send(res, 200, 'text/javascript; charset=utf-8', code.client);
      case 'GET /sidebar.html': {
        const user = session.user(url.searchParams.get('user'));
        const page = injectShim(sidebarHtml, code.shim, { user, functions: session.functions, now: session.now(), endpoint: '/api/run' });
        return send(res, 200, 'text/html; charset=utf-8', page, { 'Content-Security-Policy': "frame-ancestors 'self'", 'X-Frame-Options': 'SAMEORIGIN' });
      }
      case 'GET /favicon.ico':
        res.writeHead(204).end();
        return;
      case 'GET /api/state':
        return sendJson(res, 200, session.state());
      case 'POST /api/run':
        return sendJson(res, 200, session.call(await readJson(req)));
      case 'POST /api/advance':
        session.advance(await readJson(req));
        return sendJson(res, 200, { ok: true, now: session.now() });
      case 'POST /api/lead':
        return sendJson(res, 200, { ok: true, row: session.addLead(await readJson(req)) });
      case 'POST /api/edit':
        return sendJson(res, 200, { ok: true, range: session.typeValue(await readJson(req)) });
    }
    const known = ['/', '/index.html', '/client.js', '/sidebar.html', '/favicon.ico', '/api/state', '/api/run', '/api/advance', '/api/lead', '/api/edit'];
    if (known.includes(url.pathname)) throw new HttpError(405, `${req.method} is not allowed on ${url.pathname}.`);
    throw new HttpError(404, `Nothing at ${url.pathname}.`);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : err instanceof BadRequest ? 400 : err instanceof Refused ? 422 : 500;
      const message = err instanceof Error ? err.message : String(err);
      if (res.headersSent) return void res.destroy();
      // A body we stopped reading: close the connection rather than read the rest.
      if (status === 413) res.setHeader('Connection', 'close');
      sendJson(res, status, { ok: false, message: status === 500 ? `The playground failed: ${message}` : message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    session,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function fail(message: string): never {
  process.stderr.write(`playground: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const file = process.argv[2] ?? DEFAULT_SCENARIO;
  let scenario: unknown;
  try {
    scenario = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    fail(`cannot read ${file} as JSON: ${(err as Error).message}`);
  }
  const port = process.env.PORT === undefined ? DEFAULT_PORT : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number, not "${process.env.PORT}"`);
  let playground: Playground;
  try {
    playground = await startPlayground({ port, scenario });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') fail(`port ${port} is in use: run with another, e.g. PORT=5174 npm start`);
    if (err instanceof ScenarioError || /No built bundle/.test(e.message)) fail(e.message);
    throw err;
  }
  process.stdout.write(`Baton playground: ${playground.url} (Ctrl+C to stop)\n`);
  const stop = () => void playground.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) void main();
