/**
 * HtmlService, HtmlOutput, HtmlTemplate.
 * Reference: developers.google.com/apps-script/reference/html/html-service, /html-output,
 * /html-template, /sandbox-mode, /x-frame-options-mode; PLATFORM.md, HtmlService and the sidebar.
 *
 * The deployed project's HTML files live in `projectFiles(rt)` (name without extension → content),
 * filled by the host. Templates are only emulated for content without scriptlets: a template
 * parses `<?`, so Baton serves its minified sidebar with createHtmlOutputFromFile and
 * `evaluate()` on content holding `<?` fails loudly here.
 */
import { Runtime } from '../runtime';
import { gasEnum, GasEnumValue, paramsError } from './utilities';

/** Emulator defaults for a dialog's initial size when the script sets none (not documented). */
export const DEFAULT_DIALOG_WIDTH = 600;
export const DEFAULT_DIALOG_HEIGHT = 400;

/** Meta tags addMetaTag accepts (reference: HtmlOutput.addMetaTag). */
export const ALLOWED_META_TAGS = ['apple-mobile-web-app-capable', 'mobile-web-app-capable', 'viewport'];

/** The deployed project's HTML files: name without extension → content. */
export function projectFiles(rt: Runtime): Map<string, string> {
  return rt.slot('html:files', () => new Map<string, string>());
}

export interface HtmlLog {
  /** Outputs created, in order (for tests). */
  created: { at: number; from: 'string' | 'file' | 'template'; file?: string }[];
}

export function htmlState(rt: Runtime): HtmlLog {
  return rt.slot('html:state', () => ({ created: [] }));
}

function enums(rt: Runtime) {
  return rt.slot('html:enums', () => ({
    SandboxMode: gasEnum(['EMULATED', 'IFRAME', 'NATIVE']),
    XFrameOptionsMode: gasEnum(['ALLOWALL', 'DEFAULT']),
  }));
}

function fileName(name: string): string {
  return name.replace(/\.html$/i, '');
}

function readFile(rt: Runtime, name: unknown, method: string): string {
  if (typeof name !== 'string') throw paramsError(rt, [name], method);
  const content = projectFiles(rt).get(fileName(name));
  if (content === undefined) throw rt.error(`No HTML file named ${name} was found.`);
  return content;
}

export class HtmlOutputMetaTag {
  constructor(
    private readonly name: string,
    private readonly content: string,
  ) {}
  getName(): string {
    return this.name;
  }
  getContent(): string {
    return this.content;
  }
}

export class HtmlOutput {
  private content: string;
  private title = '';
  private width = DEFAULT_DIALOG_WIDTH;
  private height = DEFAULT_DIALOG_HEIGHT;
  private faviconUrl: string | null = null;
  private readonly metaTags: HtmlOutputMetaTag[] = [];
  sandboxMode: string = 'IFRAME';
  xFrameOptionsMode: string = 'DEFAULT';

  constructor(
    private readonly rt: Runtime,
    content: string,
  ) {
    this.content = content;
  }

  private free<T>(method: string, body: () => T): T {
    return this.rt.call('HtmlOutput.' + method, body, { auth: 'NONE', free: true });
  }

  getContent(): string {
    return this.free('getContent', () => this.content);
  }
  setContent(content: unknown): HtmlOutput {
    return this.free('setContent', () => {
      if (typeof content !== 'string') throw paramsError(this.rt, [content], 'HtmlOutput.setContent');
      this.content = content;
      return this;
    });
  }
  append(addedContent: unknown): HtmlOutput {
    return this.free('append', () => {
      if (typeof addedContent !== 'string') throw paramsError(this.rt, [addedContent], 'HtmlOutput.append');
      this.content += addedContent;
      return this;
    });
  }
  appendUntrusted(addedContent: unknown): HtmlOutput {
    return this.free('appendUntrusted', () => {
      if (typeof addedContent !== 'string') throw paramsError(this.rt, [addedContent], 'HtmlOutput.appendUntrusted');
      this.content += escapeHtml(addedContent);
      return this;
    });
  }
  clear(): HtmlOutput {
    return this.free('clear', () => {
      this.content = '';
      return this;
    });
  }
  getTitle(): string {
    return this.free('getTitle', () => this.title);
  }
  setTitle(title: unknown): HtmlOutput {
    return this.free('setTitle', () => {
      if (typeof title !== 'string') throw paramsError(this.rt, [title], 'HtmlOutput.setTitle');
      this.title = title;
      return this;
    });
  }
  getWidth(): number {
    return this.free('getWidth', () => this.width);
  }
  setWidth(width: unknown): HtmlOutput {
    return this.free('setWidth', () => {
      if (typeof width !== 'number' || !Number.isFinite(width)) throw paramsError(this.rt, [width], 'HtmlOutput.setWidth');
      this.width = Math.trunc(width);
      return this;
    });
  }
  getHeight(): number {
    return this.free('getHeight', () => this.height);
  }
  setHeight(height: unknown): HtmlOutput {
    return this.free('setHeight', () => {
      if (typeof height !== 'number' || !Number.isFinite(height)) throw paramsError(this.rt, [height], 'HtmlOutput.setHeight');
      this.height = Math.trunc(height);
      return this;
    });
  }
  getFaviconUrl(): string | null {
    return this.free('getFaviconUrl', () => this.faviconUrl);
  }
  setFaviconUrl(url: unknown): HtmlOutput {
    return this.free('setFaviconUrl', () => {
      if (typeof url !== 'string') throw paramsError(this.rt, [url], 'HtmlOutput.setFaviconUrl');
      this.faviconUrl = url;
      return this;
    });
  }
  addMetaTag(name: unknown, content: unknown): HtmlOutput {
    return this.free('addMetaTag', () => {
      if (typeof name !== 'string' || typeof content !== 'string')
        throw paramsError(this.rt, [name, content], 'HtmlOutput.addMetaTag');
      if (!ALLOWED_META_TAGS.includes(name))
        throw this.rt.error(`Meta tag "${name}" is not allowed. Allowed meta tags: ${ALLOWED_META_TAGS.join(', ')}.`);
      this.metaTags.push(new HtmlOutputMetaTag(name, content));
      return this;
    });
  }
  getMetaTags(): HtmlOutputMetaTag[] {
    return this.free('getMetaTags', () => this.rt.list([...this.metaTags]));
  }
  /** No effect any more; only IFRAME exists (reference: HtmlOutput.setSandboxMode). */
  setSandboxMode(mode: unknown): HtmlOutput {
    return this.free('setSandboxMode', () => {
      const e = enums(this.rt).SandboxMode;
      const found = Object.keys(e).find((k) => e[k] === mode);
      if (!found) throw paramsError(this.rt, [mode], 'HtmlOutput.setSandboxMode');
      this.sandboxMode = 'IFRAME';
      return this;
    });
  }
  setXFrameOptionsMode(mode: unknown): HtmlOutput {
    return this.free('setXFrameOptionsMode', () => {
      const e = enums(this.rt).XFrameOptionsMode;
      const found = Object.keys(e).find((k) => e[k] === mode);
      if (!found) throw paramsError(this.rt, [mode], 'HtmlOutput.setXFrameOptionsMode');
      this.xFrameOptionsMode = found;
      return this;
    });
  }
  asTemplate(): HtmlTemplate {
    return this.free('asTemplate', () => new HtmlTemplate(this.rt, this.content));
  }
}

export class HtmlTemplate {
  constructor(
    private readonly rt: Runtime,
    private readonly source: string,
  ) {}
  getRawContent(): string {
    return this.rt.call('HtmlTemplate.getRawContent', () => this.source, { auth: 'NONE', free: true });
  }
  /**
   * Only content without scriptlets is emulated. A real template parses every `<?`, which breaks
   * minified code: Baton must not use templates (PLATFORM.md, HtmlService and the sidebar).
   */
  evaluate(): HtmlOutput {
    return this.rt.call(
      'HtmlTemplate.evaluate',
      () => {
        if (this.source.includes('<?'))
          throw this.rt.error(
            'emulator: HtmlTemplate.evaluate() of content with "<?" (scriptlets) is not emulated; serve the file with createHtmlOutputFromFile',
          );
        return new HtmlOutput(this.rt, this.source);
      },
      { auth: 'NONE' },
    );
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export class HtmlService {
  readonly SandboxMode: Record<string, GasEnumValue>;
  readonly XFrameOptionsMode: Record<string, GasEnumValue>;

  constructor(private readonly rt: Runtime) {
    const e = enums(rt);
    this.SandboxMode = e.SandboxMode;
    this.XFrameOptionsMode = e.XFrameOptionsMode;
  }

  createHtmlOutput(html?: unknown): HtmlOutput {
    return this.rt.call(
      'HtmlService.createHtmlOutput',
      () => {
        if (html !== undefined && typeof html !== 'string') throw paramsError(this.rt, [html], 'HtmlService.createHtmlOutput');
        htmlState(this.rt).created.push({ at: this.rt.now(), from: 'string' });
        return new HtmlOutput(this.rt, html ?? '');
      },
      { auth: 'NONE' },
    );
  }

  createHtmlOutputFromFile(filename: unknown): HtmlOutput {
    return this.rt.call(
      'HtmlService.createHtmlOutputFromFile',
      () => {
        const content = readFile(this.rt, filename, 'HtmlService.createHtmlOutputFromFile');
        htmlState(this.rt).created.push({ at: this.rt.now(), from: 'file', file: String(filename) });
        return new HtmlOutput(this.rt, content);
      },
      { auth: 'NONE' },
    );
  }

  createTemplate(html: unknown): HtmlTemplate {
    return this.rt.call(
      'HtmlService.createTemplate',
      () => {
        if (typeof html !== 'string') throw paramsError(this.rt, [html], 'HtmlService.createTemplate');
        return new HtmlTemplate(this.rt, html);
      },
      { auth: 'NONE' },
    );
  }

  createTemplateFromFile(filename: unknown): HtmlTemplate {
    return this.rt.call(
      'HtmlService.createTemplateFromFile',
      () => new HtmlTemplate(this.rt, readFile(this.rt, filename, 'HtmlService.createTemplateFromFile')),
      { auth: 'NONE' },
    );
  }

  getUserAgent(): string {
    return this.rt.call('HtmlService.getUserAgent', () => 'Mozilla/5.0 (emulated)', { auth: 'NONE' });
  }
}

export function createHtmlService(rt: Runtime): HtmlService {
  return new HtmlService(rt);
}
