/**
 * Ui: what `SpreadsheetApp.getUi()` returns (menus, sidebars, dialogs, alerts, prompts).
 * Reference: developers.google.com/apps-script/reference/base/ui (and /menu, /button,
 * /button-set, /prompt-response); PLATFORM.md, HtmlService and the sidebar.
 *
 * getUi itself lives in the spreadsheet module; it calls `assertUiContext(rt)` and `createUi(rt)`.
 *
 * Context rule (chosen; the platform's text is `Cannot call SpreadsheetApp.getUi() from this
 * context.`): an execution has no user interface when it is an installable trigger fired by
 * something other than a user in the open document: event 'clock', 'formSubmit' or 'change'
 * (an installable 'open' or 'edit' has the user's editor). A run from the script editor
 * ('editor') counts as interactive only while `uiState(rt).editorHasOpenDocument` is true
 * (default true: the bound spreadsheet is open next to the editor).
 *
 * Auth: menu building works in AuthMode.NONE (add-on onOpen before use); sidebars, dialogs,
 * alerts and prompts need LIMITED and the `script.container.ui` scope.
 */
import { ERRORS, Runtime, SCOPES } from '../runtime';
import { HtmlOutput, HtmlTemplate } from './html';
import { gasEnum, GasEnumValue, paramsError, userOf } from './utilities';

export const CONTEXT_ERROR = 'Cannot call SpreadsheetApp.getUi() from this context.';

/** Editor sidebars are 300 px wide, fixed (PLATFORM.md, HtmlService and the sidebar). */
export const SIDEBAR_WIDTH = 300;

export type MenuEntry =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; caption: string; items: MenuEntry[] };

export interface MenuRecord {
  at: number;
  user: string;
  caption: string;
  /** true for createAddonMenu() (the add-on's entry under Extensions). */
  addon: boolean;
  items: MenuEntry[];
}

export interface SidebarRecord {
  at: number;
  user: string;
  title: string;
  html: string;
  width: number;
}

export interface DialogRecord {
  at: number;
  user: string;
  kind: 'modal' | 'modeless';
  title: string;
  html: string;
  width: number;
  height: number;
}

export type ButtonName = 'CLOSE' | 'OK' | 'CANCEL' | 'YES' | 'NO';
export type ButtonSetName = 'OK' | 'OK_CANCEL' | 'YES_NO' | 'YES_NO_CANCEL';

export interface AlertRecord {
  at: number;
  user: string;
  kind: 'alert' | 'prompt';
  title: string;
  prompt: string;
  /** The same as `prompt` (the text shown). */
  message: string;
  buttons: ButtonSetName;
  /** The button the emulated user pressed. */
  answer: ButtonName;
  /** For prompts: the text the emulated user typed. */
  text?: string;
}

export interface ToastRecord {
  at: number;
  user: string;
  message: string;
  title: string;
  timeoutSeconds?: number;
}

export const BUTTONS_OF: Record<ButtonSetName, ButtonName[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

export class UiState {
  /** Menus added with addToUi(); one record per (user, caption, addon), the latest wins. */
  menus: MenuRecord[] = [];
  /** Every sidebar shown, oldest first. */
  sidebars: SidebarRecord[] = [];
  /** Every modal or modeless dialog shown, oldest first. */
  dialogs: DialogRecord[] = [];
  /** Every alert and prompt shown, with the answer given. */
  alerts: AlertRecord[] = [];
  /** Toasts (pushed by the spreadsheet module's Spreadsheet.toast). */
  toasts: ToastRecord[] = [];
  /** What is open per user now: only one sidebar or dialog at a time (PLATFORM.md). */
  open = new Map<string, { kind: 'sidebar' | 'modal' | 'modeless'; title: string; html: string }>();
  /** Answers queued by a test for the next alerts/prompts, used in order. */
  responses: { button: ButtonName; text?: string }[] = [];
  /** Whether a run from the script editor has the spreadsheet open (see file comment). */
  editorHasOpenDocument = true;

  /** Queue the answer of the next alert or prompt. */
  respond(button: ButtonName, text = ''): void {
    this.responses.push({ button, text });
  }

  menusFor(user: string): MenuRecord[] {
    return this.menus.filter((m) => m.user === user);
  }

  /**
   * The function behind the menu item `caption` (searched in sub-menus too), in `user`'s menus
   * when given, else in anyone's (latest menu first); null when there is no such item.
   */
  menuFunction(caption: string, user?: string): string | null {
    const find = (items: MenuEntry[]): string | null => {
      for (const e of items) {
        if (e.kind === 'item' && e.caption === caption) return e.functionName;
        if (e.kind === 'submenu') {
          const f = find(e.items);
          if (f) return f;
        }
      }
      return null;
    };
    const menus = user === undefined ? this.menus : this.menusFor(user);
    for (const m of [...menus].reverse()) {
      const f = find(m.items);
      if (f) return f;
    }
    return null;
  }

  /** The user closes whatever sidebar or dialog is open (google.script.host.close()). */
  close(user: string): void {
    this.open.delete(user);
  }
}

export function uiState(rt: Runtime): UiState {
  return rt.slot('ui', () => new UiState());
}

/** Whether the running execution has a user interface (see the file comment for the rule). */
export function hasUiContext(rt: Runtime): boolean {
  const spec = rt.execution().spec;
  if (spec.trigger === 'installable') return !['clock', 'formSubmit', 'change'].includes(spec.event ?? '');
  if (spec.trigger === 'editor') return uiState(rt).editorHasOpenDocument;
  return true;
}

/** Throws the platform's error when the execution has no user interface (call from getUi()). */
export function assertUiContext(rt: Runtime): void {
  if (!hasUiContext(rt)) throw rt.error(CONTEXT_ERROR);
}

/**
 * Sidebars and dialogs need the `script.container.ui` scope, which a simple trigger (run without
 * the user's authorization) never has, whatever its auth mode: showing one from onOpen or onEdit
 * fails with the permission text (guides/triggers, Restrictions: simple triggers "cannot access
 * services that require authorization"; the text is the platform's permission error).
 */
function assertNotSimple(rt: Runtime, method: string): void {
  if (rt.execution().spec.trigger === 'simple') throw rt.error(ERRORS.permission(method, SCOPES.containerUi));
}

type ButtonEnum = Record<ButtonName, GasEnumValue>;
type ButtonSetEnum = Record<ButtonSetName, GasEnumValue>;

/** The enums are shared by every Ui of a runtime, so `===` comparisons hold across getUi() calls. */
function enums(rt: Runtime): { Button: ButtonEnum; ButtonSet: ButtonSetEnum } {
  return rt.slot('ui:enums', () => ({
    Button: gasEnum(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO']) as ButtonEnum,
    ButtonSet: gasEnum(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL']) as ButtonSetEnum,
  }));
}

export class Menu {
  readonly items: MenuEntry[] = [];
  constructor(
    private readonly rt: Runtime,
    readonly caption: string,
    readonly addon: boolean,
  ) {}

  addItem(...args: unknown[]): Menu {
    const [caption, functionName] = args;
    return this.rt.call(
      'Menu.addItem',
      () => {
        if (typeof caption !== 'string' || typeof functionName !== 'string' || args.length !== 2)
          throw paramsError(this.rt, [caption, functionName], 'Menu.addItem');
        this.items.push({ kind: 'item', caption, functionName });
        return this;
      },
      { auth: 'NONE', free: true },
    );
  }

  addSeparator(): Menu {
    return this.rt.call(
      'Menu.addSeparator',
      () => {
        this.items.push({ kind: 'separator' });
        return this;
      },
      { auth: 'NONE', free: true },
    );
  }

  addSubMenu(menu: unknown): Menu {
    return this.rt.call(
      'Menu.addSubMenu',
      () => {
        if (!(menu instanceof Menu)) throw paramsError(this.rt, [menu], 'Menu.addSubMenu');
        this.items.push({ kind: 'submenu', caption: menu.caption, items: snapshot(menu.items) });
        return this;
      },
      { auth: 'NONE', free: true },
    );
  }

  addToUi(): void {
    this.rt.call(
      'Menu.addToUi',
      () => {
        const st = uiState(this.rt);
        const user = userOf(this.rt);
        st.menus = st.menus.filter((m) => !(m.user === user && m.caption === this.caption && m.addon === this.addon));
        st.menus.push({ at: this.rt.now(), user, caption: this.caption, addon: this.addon, items: snapshot(this.items) });
      },
      { auth: 'NONE' },
    );
  }
}

function snapshot(items: MenuEntry[]): MenuEntry[] {
  return items.map((e) => (e.kind === 'submenu' ? { ...e, items: snapshot(e.items) } : { ...e }));
}

export class PromptResponse {
  constructor(
    private readonly text: string,
    private readonly button: GasEnumValue,
  ) {}
  getResponseText(): string {
    return this.text;
  }
  getSelectedButton(): GasEnumValue {
    return this.button;
  }
}

const DIALOG_OPTS = { scopes: [SCOPES.containerUi] };

export class Ui {
  readonly Button: ButtonEnum;
  readonly ButtonSet: ButtonSetEnum;

  constructor(private readonly rt: Runtime) {
    const e = enums(rt);
    this.Button = e.Button;
    this.ButtonSet = e.ButtonSet;
  }

  createMenu(...args: unknown[]): Menu {
    const [caption] = args;
    return this.rt.call(
      'Ui.createMenu',
      () => {
        if (typeof caption !== 'string' || args.length !== 1) throw paramsError(this.rt, args, 'Ui.createMenu');
        return new Menu(this.rt, caption, false);
      },
      { auth: 'NONE', free: true },
    );
  }

  createAddonMenu(): Menu {
    return this.rt.call('Ui.createAddonMenu', () => new Menu(this.rt, '', true), { auth: 'NONE', free: true });
  }

  showSidebar(...args: unknown[]): void {
    const [userInterface] = args;
    this.rt.call(
      'Ui.showSidebar',
      () => {
        assertUiContext(this.rt);
        assertNotSimple(this.rt, 'Ui.showSidebar');
        const out = this.htmlArg(userInterface, args, 'Ui.showSidebar', 1);
        const st = uiState(this.rt);
        const user = userOf(this.rt);
        const rec = { at: this.rt.now(), user, title: out.getTitle(), html: out.getContent(), width: SIDEBAR_WIDTH };
        st.sidebars.push(rec);
        st.open.set(user, { kind: 'sidebar', title: rec.title, html: rec.html });
      },
      DIALOG_OPTS,
    );
  }

  showModalDialog(...args: unknown[]): void {
    const [userInterface, title] = args;
    this.dialog('modal', args, userInterface, title);
  }

  showModelessDialog(...args: unknown[]): void {
    const [userInterface, title] = args;
    this.dialog('modeless', args, userInterface, title);
  }

  private dialog(kind: 'modal' | 'modeless', args: unknown[], userInterface: unknown, title: unknown): void {
    const method = kind === 'modal' ? 'Ui.showModalDialog' : 'Ui.showModelessDialog';
    this.rt.call(
      method,
      () => {
        assertUiContext(this.rt);
        assertNotSimple(this.rt, method);
        const out = this.htmlArg(userInterface, args, method, 2);
        if (typeof title !== 'string') throw paramsError(this.rt, args, method);
        const st = uiState(this.rt);
        const user = userOf(this.rt);
        st.dialogs.push({
          at: this.rt.now(),
          user,
          kind,
          title,
          html: out.getContent(),
          width: out.getWidth(),
          height: out.getHeight(),
        });
        st.open.set(user, { kind, title, html: out.getContent() });
      },
      DIALOG_OPTS,
    );
  }

  private htmlArg(v: unknown, args: unknown[], method: string, arity: number): HtmlOutput {
    if (!(v instanceof HtmlOutput) || args.length !== arity) {
      // A template must be evaluated first; anything else does not match the signature.
      if (v instanceof HtmlTemplate) throw paramsError(this.rt, args, method, 'HtmlTemplate');
      throw paramsError(this.rt, args, method);
    }
    return v;
  }

  alert(...args: unknown[]): GasEnumValue {
    return this.rt.call(
      'Ui.alert',
      () => {
        assertUiContext(this.rt);
        const { title, prompt, set } = this.dialogArgs(args, 'Ui.alert');
        const answer = this.nextAnswer(set);
        uiState(this.rt).alerts.push({ at: this.rt.now(), user: userOf(this.rt), kind: 'alert', title, prompt, message: prompt, buttons: set, answer: answer.button });
        return this.Button[answer.button];
      },
      DIALOG_OPTS,
    );
  }

  prompt(...args: unknown[]): PromptResponse {
    return this.rt.call(
      'Ui.prompt',
      () => {
        assertUiContext(this.rt);
        const { title, prompt, set } = this.dialogArgs(args, 'Ui.prompt');
        const answer = this.nextAnswer(set);
        const text = answer.text ?? '';
        uiState(this.rt).alerts.push({
          at: this.rt.now(),
          user: userOf(this.rt),
          kind: 'prompt',
          title,
          prompt,
          message: prompt,
          buttons: set,
          answer: answer.button,
          text,
        });
        return new PromptResponse(text, this.Button[answer.button]);
      },
      DIALOG_OPTS,
    );
  }

  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons); the same for prompt. */
  private dialogArgs(args: unknown[], method: string): { title: string; prompt: string; set: ButtonSetName } {
    const bad = () => paramsError(this.rt, args, method);
    const setName = (v: unknown): ButtonSetName => {
      const found = (Object.keys(this.ButtonSet) as ButtonSetName[]).find((k) => this.ButtonSet[k] === v);
      if (!found) throw bad();
      return found;
    };
    if (args.length === 1 && typeof args[0] === 'string') return { title: '', prompt: args[0], set: 'OK' };
    if (args.length === 2 && typeof args[0] === 'string') return { title: '', prompt: args[0], set: setName(args[1]) };
    if (args.length === 3 && typeof args[0] === 'string' && typeof args[1] === 'string')
      return { title: args[0], prompt: args[1], set: setName(args[2]) };
    throw bad();
  }

  /**
   * The queued answer, or by default the set's first button (OK, or YES): the emulated user agrees.
   * A queued answer must be a button of the set or CLOSE (the title bar's close button).
   */
  private nextAnswer(set: ButtonSetName): { button: ButtonName; text?: string } {
    const st = uiState(this.rt);
    const next = st.responses.shift();
    if (!next) return { button: BUTTONS_OF[set][0], text: '' };
    if (next.button !== 'CLOSE' && !BUTTONS_OF[set].includes(next.button))
      throw new Error(`emulator: queued answer ${next.button} is not a button of ButtonSet.${set}`);
    return next;
  }
}

/** What SpreadsheetApp.getUi() returns. */
export function createUi(rt: Runtime): Ui {
  return new Ui(rt);
}
