import { ExecutionSpec, Runtime, SCOPES } from '../../emulator/runtime';
import { CONTEXT_ERROR, SIDEBAR_WIDTH, assertUiContext, createUi, uiState } from '../../emulator/services/ui';
import { createHtmlService } from '../../emulator/services/html';

const T0 = Date.UTC(2026, 2, 2, 14, 0, 0);
const menu: ExecutionSpec = { functionName: 'openSidebar', trigger: 'menu', authMode: 'FULL', activeUser: 'ann@x.test', effectiveUser: 'ann@x.test' };
const openNone: ExecutionSpec = { functionName: 'onOpen', trigger: 'simple', event: 'open', authMode: 'NONE', activeUser: '', effectiveUser: 'ann@x.test', actor: 'ann@x.test' };
const clock: ExecutionSpec = { functionName: 'sweep', trigger: 'installable', event: 'clock', authMode: 'FULL', activeUser: 'own@x.test', effectiveUser: 'own@x.test' };

function run<T>(rt: Runtime, spec: ExecutionSpec, body: () => T) {
  const rec = rt.run(spec, body);
  return rec;
}

describe('Ui', () => {
  it('builds an add-on menu in AuthMode.NONE and records it per user (PLATFORM.md, HtmlService and the sidebar: Menus; reference base/menu)', () => {
    const rt = new Runtime(T0);
    const rec = run(rt, openNone, () => {
      const ui = createUi(rt);
      ui.createAddonMenu()
        .addItem('Open Baton', 'openSidebar')
        .addSeparator()
        .addSubMenu(ui.createMenu('Setup').addItem('Repair triggers', 'repairTriggers'))
        .addToUi();
    });
    expect(rec.error).toBeNull();
    expect(rec.calls).toEqual({ 'Menu.addToUi': 1 });
    const menus = uiState(rt).menusFor('ann@x.test');
    expect(menus).toHaveLength(1);
    expect(menus[0].addon).toBe(true);
    expect(menus[0].items).toEqual([
      { kind: 'item', caption: 'Open Baton', functionName: 'openSidebar' },
      { kind: 'separator' },
      { kind: 'submenu', caption: 'Setup', items: [{ kind: 'item', caption: 'Repair triggers', functionName: 'repairTriggers' }] },
    ]);
  });

  it('replaces a menu when onOpen adds it again (reference base/menu: addToUi)', () => {
    const rt = new Runtime(T0);
    for (const item of ['A', 'B']) run(rt, openNone, () => createUi(rt).createMenu('Baton').addItem(item, 'f').addToUi());
    expect(uiState(rt).menus).toHaveLength(1);
    expect(uiState(rt).menus[0].items).toEqual([{ kind: 'item', caption: 'B', functionName: 'f' }]);
  });

  it('rejects wrong argument types with the signature error (reference base/menu: addItem(caption, functionName))', () => {
    const rt = new Runtime(T0);
    const rec = run(rt, menu, () => createUi(rt).createMenu('Baton').addItem('Open', () => 1));
    expect(rec.error).toBe("The parameters (String,Function) don't match the method signature for Menu.addItem.");
  });

  it('shows a sidebar 300 px wide whatever setWidth says, with its title (PLATFORM.md, HtmlService and the sidebar)', () => {
    const rt = new Runtime(T0);
    const rec = run(rt, menu, () => {
      const out = createHtmlService(rt).createHtmlOutput('<p>hi</p>').setTitle('Baton').setWidth(500);
      createUi(rt).showSidebar(out);
    });
    expect(rec.error).toBeNull();
    expect(uiState(rt).sidebars).toEqual([{ at: expect.any(Number), user: 'ann@x.test', title: 'Baton', html: '<p>hi</p>', width: SIDEBAR_WIDTH }]);
    expect(uiState(rt).open.get('ann@x.test')?.kind).toBe('sidebar');
  });

  it('keeps one sidebar or dialog open at a time (PLATFORM.md, HtmlService and the sidebar)', () => {
    const rt = new Runtime(T0);
    run(rt, menu, () => {
      const html = createHtmlService(rt);
      const ui = createUi(rt);
      ui.showSidebar(html.createHtmlOutput('a'));
      ui.showModalDialog(html.createHtmlOutput('b').setWidth(400).setHeight(200), 'Confirm');
    });
    const st = uiState(rt);
    expect(st.open.get('ann@x.test')).toEqual({ kind: 'modal', title: 'Confirm', html: 'b' });
    expect(st.dialogs[0]).toMatchObject({ kind: 'modal', title: 'Confirm', width: 400, height: 200 });
  });

  it('showSidebar needs AuthMode LIMITED: an unused add-on in onOpen (NONE) cannot show one (PLATFORM.md, Triggers: simple onEdit/onOpen auth modes)', () => {
    const rt = new Runtime(T0);
    const rec = run(rt, openNone, () => createUi(rt).showSidebar(createHtmlService(rt).createHtmlOutput('x')));
    expect(rec.error).toBe(`You do not have permission to call Ui.showSidebar. Required permissions: ${SCOPES.containerUi}`);
  });

  it('showSidebar rejects a template that was not evaluated (reference base/ui: showSidebar(userInterface))', () => {
    const rt = new Runtime(T0);
    const rec = run(rt, menu, () => createUi(rt).showSidebar(createHtmlService(rt).createTemplate('x')));
    expect(rec.error).toBe("The parameters (HtmlTemplate) don't match the method signature for Ui.showSidebar.");
  });

  it('has no UI in a time-driven, form-submit or change trigger (Apps Script error "Cannot call SpreadsheetApp.getUi() from this context.")', () => {
    const rt = new Runtime(T0);
    for (const event of ['clock', 'formSubmit', 'change']) {
      const rec = run(rt, { ...clock, event }, () => assertUiContext(rt));
      expect(rec.error).toBe(CONTEXT_ERROR);
    }
    expect(run(rt, { ...clock, event: 'edit' }, () => assertUiContext(rt)).error).toBeNull();
    expect(run(rt, clock, () => createUi(rt).alert('hi')).error).toBe(CONTEXT_ERROR);
    uiState(rt).editorHasOpenDocument = false;
    expect(run(rt, { ...menu, trigger: 'editor' }, () => assertUiContext(rt)).error).toBe(CONTEXT_ERROR);
  });

  it('alert returns the Button pressed; default OK / YES, queued answers in order (reference base/ui: alert, base/button, base/button-set)', () => {
    const rt = new Runtime(T0);
    const got: unknown[] = [];
    uiState(rt).respond('NO');
    const rec = run(rt, menu, () => {
      const ui = createUi(rt);
      got.push(ui.alert('Delete?', 'Really delete 3 rows?', ui.ButtonSet.YES_NO) === ui.Button.NO);
      got.push(ui.alert('Saved') === ui.Button.OK);
      got.push(ui.alert('Go?', ui.ButtonSet.YES_NO_CANCEL) === ui.Button.YES);
      got.push(String(ui.Button.CANCEL), ui.Button.CANCEL.name());
      got.push(createUi(rt).Button.OK === ui.Button.OK);
    });
    expect(rec.error).toBeNull();
    expect(got).toEqual([true, true, true, 'CANCEL', 'CANCEL', true]);
    expect(uiState(rt).alerts.map((a) => [a.title, a.prompt, a.buttons, a.answer])).toEqual([
      ['Delete?', 'Really delete 3 rows?', 'YES_NO', 'NO'],
      ['', 'Saved', 'OK', 'OK'],
      ['', 'Go?', 'YES_NO_CANCEL', 'YES'],
    ]);
  });

  it('alert(title, prompt) without a ButtonSet does not match a signature (reference base/ui: alert overloads)', () => {
    const rt = new Runtime(T0);
    const rec = run(rt, menu, () => createUi(rt).alert('Title', 'Prompt'));
    expect(rec.error).toBe("The parameters (String,String) don't match the method signature for Ui.alert.");
  });

  it('prompt returns a PromptResponse with the typed text and button (reference base/prompt-response)', () => {
    const rt = new Runtime(T0);
    uiState(rt).respond('OK', 'ops@x.test');
    uiState(rt).respond('CLOSE');
    const got: unknown[] = [];
    run(rt, menu, () => {
      const ui = createUi(rt);
      const r = ui.prompt('Alert address', 'Who gets alerts?', ui.ButtonSet.OK_CANCEL);
      got.push(r.getResponseText(), r.getSelectedButton() === ui.Button.OK);
      const r2 = ui.prompt('Name?');
      got.push(r2.getResponseText(), r2.getSelectedButton() === ui.Button.CLOSE);
    });
    expect(got).toEqual(['ops@x.test', true, '', true]);
    expect(uiState(rt).alerts[0]).toMatchObject({ kind: 'prompt', text: 'ops@x.test', answer: 'OK' });
  });

  it('counts dialogs as service calls and menu builders as free (emulator/CONVENTIONS.md rule 1)', () => {
    const rt = new Runtime(T0);
    const rec = run(rt, menu, () => {
      const ui = createUi(rt);
      ui.createMenu('X').addItem('a', 'b');
      ui.alert('hi');
    });
    expect(rec.calls).toEqual({ 'Ui.alert': 1 });
  });
});

describe('UiState.menuFunction', () => {
  it('finds the function behind a menu caption, in sub-menus too (reference base/menu: addItem, addSubMenu)', () => {
    const rt = new Runtime(T0);
    run(rt, openNone, () => {
      const ui = createUi(rt);
      ui.createAddonMenu().addItem('Open Baton', 'openSidebar').addSubMenu(ui.createMenu('Setup').addItem('Repair', 'repairTriggers')).addToUi();
    });
    expect(uiState(rt).menuFunction('Repair')).toBe('repairTriggers');
    expect(uiState(rt).menuFunction('Open Baton', 'ann@x.test')).toBe('openSidebar');
    expect(uiState(rt).menuFunction('Open Baton', 'bob@x.test')).toBeNull();
  });
});
