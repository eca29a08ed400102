/** The browser-test harness itself, against tiny test pages (the real sidebar only in the smoke test at the end). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { builtProject, OWNER, scenario } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';
import { eventually, MAX_IN_FLIGHT, openSidebar, screenshot, UPDATE_DOCS_ENV } from './harness';

function installed(): ScenarioRun {
  const run = new ScenarioRun(parseScenario(scenario({ config: SPEC_EXAMPLE })), builtProject());
  run.install();
  return run;
}

/** A test page: `show(id, text)` adds <p id=id>text</p>, for the test to find with a locator. */
function testPage(script: string, body = ''): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>test</title></head><body>${body}
<script>
function show(id, text) { var p = document.createElement('p'); p.id = id; p.textContent = String(text); document.body.appendChild(p); }
${script}
</script></body></html>`;
}

describe('google.script.run in the browser, bridged to dist/Code.js in the emulator', () => {
  it('runs the server function as the sidebar user and hands the result to the success handler, never synchronously', async () => {
    const run = installed();
    const sidebar = await openSidebar({
      run,
      user: OWNER,
      html: testPage(`
        var sync = true;
        var returned = google.script.run.withSuccessHandler(function (view) {
          show('result', view.version + ' ' + view.canEdit + ' ' + view.config.team.length + ' sync=' + sync);
        }).getConfig();
        sync = false;
        show('returned', typeof returned);
      `),
    });
    await sidebar.page.locator('#result').waitFor();
    expect(await sidebar.page.locator('#result').textContent()).toBe('1 true 4 sync=false');
    expect(await sidebar.page.locator('#returned').textContent()).toBe('undefined');
    expect(sidebar.calls).toEqual([{ fn: 'getConfig', args: [], user: OWNER, state: 'succeeded', result: expect.objectContaining({ version: 1, canEdit: true }) }]);
    expect(run.result().executions.at(-1)).toMatchObject({ function: 'getConfig', trigger: 'run', user: OWNER, error: null });
  });

  it('hands a server error to the failure handler as an Error with the server message (PLATFORM.md, HtmlService)', async () => {
    const run = installed();
    run.rt.injectFault({ method: '*', error: 'service' });
    const sidebar = await openSidebar({
      run,
      user: OWNER,
      html: testPage(`
        google.script.run
          .withSuccessHandler(function () { show('error', 'succeeded?'); })
          .withFailureHandler(function (e) { show('error', (e instanceof Error) + ' ' + e.message); })
          .getConfig();
      `),
    });
    await sidebar.page.locator('#error').waitFor();
    const message = "We're sorry, a server error occurred. Please wait a bit and try again.";
    expect(await sidebar.page.locator('#error').textContent()).toBe(`true ${message}`);
    expect(sidebar.calls).toEqual([{ fn: 'getConfig', args: [], user: OWNER, state: 'failed', error: message }]);
  });

  it('fails a call with a Date, function or DOM node argument, as on Google, without running the server function', async () => {
    const run = installed();
    const executions = run.rt.records.length;
    const now = run.rt.now();
    const sidebar = await openSidebar({
      run,
      user: OWNER,
      html: testPage(`
        function fails(id) { return google.script.run.withFailureHandler(function (e) { show(id, e.message); }); }
        fails('date').saveConfig({ version: 1, since: new Date() });
        fails('fn').saveConfig([1, function () {}]);
        fails('node').saveConfig(document.body);
      `),
    });
    await eventually(() => expect(sidebar.calls.map((c) => c.state)).toEqual(['failed', 'failed', 'failed']));
    expect(await sidebar.page.locator('#date').textContent()).toBe('Failed due to illegal value in property: since');
    expect(await sidebar.page.locator('#fn').textContent()).toBe('Failed due to illegal value in property: args[0][1]');
    expect(await sidebar.page.locator('#node').textContent()).toBe('Failed due to illegal value in property: args[0]');
    expect(sidebar.calls[0].args).toEqual([{ version: 1, since: new Date(now) }]);
    expect(run.rt.records.length).toBe(executions);
  });

  it('sends a lone form as the values of its named fields', async () => {
    const run = installed();
    const sidebar = await openSidebar({
      run,
      user: OWNER,
      html: testPage(
        `document.getElementById('send').addEventListener('click', function () {
           google.script.run.withSuccessHandler(function (r) { show('saved', r.ok); }).saveConfig(document.getElementById('f'));
         });`,
        `<form id="f"><input name="sweepMinutes" value="15"><input type="checkbox" name="off"><input type="checkbox" name="on" value="yes" checked></form>
         <button id="send">Send</button>`,
      ),
    });
    await sidebar.page.getByRole('button', { name: 'Send' }).click();
    await sidebar.page.locator('#saved').waitFor();
    expect(sidebar.calls[0].args).toEqual([{ sweepMinutes: '15', on: 'yes' }]);
  });

  it('gives each handler its user object; every with* call returns a new runner', async () => {
    const run = installed();
    const sidebar = await openSidebar({
      run,
      user: OWNER,
      html: testPage(`
        var base = google.script.run
          .withSuccessHandler(function (view, who) { show(who, 'ok ' + view.version); })
          .withFailureHandler(function (e, who) { show(who, 'failed'); });
        show('distinct', base !== google.script.run && base.withUserObject('a') !== base);
        base.withUserObject('first').getConfig();
        base.withUserObject('second').getConfig();
        base.withUserObject('third').saveConfig(new Date());
      `),
    });
    await eventually(() => expect(sidebar.calls.every((c) => c.state !== 'waiting')).toBe(true));
    await sidebar.page.locator('#third').waitFor();
    expect(await sidebar.page.locator('#distinct').textContent()).toBe('true');
    expect(await sidebar.page.locator('#first').textContent()).toBe('ok 1');
    expect(await sidebar.page.locator('#second').textContent()).toBe('ok 1');
    expect(await sidebar.page.locator('#third').textContent()).toBe('failed');
  });

  it('offers no server function whose name ends in "_": the runner has no such method (PLATFORM.md, HtmlService)', async () => {
    const run = installed();
    const sidebar = await openSidebar({
      run,
      user: OWNER,
      html: testPage(`
        show('public', typeof google.script.run.getConfig + ' ' + typeof google.script.run.saveConfig);
        show('private', typeof google.script.run.readConfig_);
        try { google.script.run.withFailureHandler(function () { show('called', 'failure handler'); }).readConfig_(); }
        catch (e) { show('thrown', e.name); }
      `),
    });
    await sidebar.page.locator('#thrown').waitFor();
    expect(await sidebar.page.locator('#public').textContent()).toBe('function function');
    expect(await sidebar.page.locator('#private').textContent()).toBe('undefined');
    expect(await sidebar.page.locator('#thrown').textContent()).toBe('TypeError');
    expect(sidebar.calls).toEqual([]);
  });

  it(`lets at most ${MAX_IN_FLIGHT} calls be in flight; the next ones wait in the page until one finishes`, async () => {
    const run = installed();
    const sidebar = await openSidebar({
      run,
      user: OWNER,
      html: testPage(
        `var done = 0;
         document.getElementById('go').addEventListener('click', function () {
           for (var i = 0; i < 12; i++) google.script.run.withSuccessHandler(function () { document.getElementById('done').textContent = ++done; }).getConfig();
         });`,
        '<button id="go">Go</button><p id="done">0</p>',
      ),
    });
    sidebar.hold();
    await sidebar.page.getByRole('button', { name: 'Go' }).click();
    await eventually(() => expect(sidebar.held()).toHaveLength(MAX_IN_FLIGHT));
    // The click sent everything it could in one task: after a round trip, nothing more has arrived.
    await sidebar.page.evaluate('0');
    expect(sidebar.calls).toHaveLength(MAX_IN_FLIGHT);

    sidebar.release(1);
    await sidebar.page.getByText('1', { exact: true }).waitFor();
    await eventually(() => expect(sidebar.calls).toHaveLength(MAX_IN_FLIGHT + 1));
    expect(sidebar.held()).toHaveLength(MAX_IN_FLIGHT);

    sidebar.release();
    await sidebar.page.getByText('12', { exact: true }).waitFor();
    expect(sidebar.calls.map((c) => c.state)).toEqual(Array(12).fill('succeeded'));
  });

  it('blocks every network request of the page and reports it, so the test fails unless it expected that', async () => {
    const run = installed();
    const sidebar = await openSidebar({
      run,
      user: OWNER,
      html: testPage(
        `fetch('https://api.example.test/data').then(function () { show('fetch', 'fetched'); }, function () { show('fetch', 'refused'); });`,
        '<img src="https://cdn.example.test/logo.png" alt="">',
      ),
    });
    await sidebar.page.locator('#fetch').waitFor();
    expect(await sidebar.page.locator('#fetch').textContent()).toBe('refused');
    const problems = await sidebar.takeProblems();
    expect(problems.filter((p) => p.kind === 'request').map((p) => p.text).sort()).toEqual([
      'blocked GET https://api.example.test/data',
      'blocked GET https://cdn.example.test/logo.png',
    ]);
  });

  it('reports page errors, including a failed call that has no failure handler', async () => {
    const run = installed();
    run.rt.injectFault({ method: '*', error: 'service' });
    const sidebar = await openSidebar({ run, user: OWNER, html: testPage(`google.script.run.getConfig();`) });
    await eventually(() => expect(sidebar.calls[0]?.state).toBe('failed'));
    const problems = await eventually(async () => {
      const taken = await sidebar.takeProblems();
      expect(taken).toHaveLength(1);
      return taken;
    });
    expect(problems[0].kind).toBe('pageerror');
    expect(problems[0].text).toContain("We're sorry, a server error occurred.");
  });

  it('records google.script.host calls, which do nothing else', async () => {
    const run = installed();
    const sidebar = await openSidebar({
      run,
      user: OWNER,
      html: testPage(`google.script.host.editor.focus(); google.script.host.close();`),
    });
    await eventually(() => expect(sidebar.hostCalls).toEqual([{ what: 'editor.focus', args: [] }, { what: 'close', args: [] }]));
  });

  it("shows the emulated clock to the page, in the spreadsheet's time zone, and moves it only when the test does", async () => {
    const run = installed();
    const sidebar = await openSidebar({
      run,
      user: OWNER,
      html: testPage(
        `document.getElementById('now').addEventListener('click', function () { show('t', new Date().toISOString() + ' ' + new Date().getHours()); });`,
        '<button id="now">Now</button>',
      ),
    });
    const started = run.rt.now();
    await sidebar.page.getByRole('button', { name: 'Now' }).click();
    expect(await sidebar.page.locator('#t').last().textContent()).toBe(`${new Date(started).toISOString()} 8`);
    await sidebar.advanceTo('2026-03-02T10:30:00-05:00');
    await sidebar.page.getByRole('button', { name: 'Now' }).click();
    await eventually(async () => expect(await sidebar.page.locator('#t').count()).toBe(2));
    expect(await sidebar.page.locator('#t').last().textContent()).toBe('2026-03-02T15:30:00.000Z 10');
    expect(run.rt.now()).toBe(Date.parse('2026-03-02T10:30:00-05:00'));
  });

  it('smoke: the built dist/sidebar.html renders in a 300 px sidebar without page errors', async () => {
    const run = installed();
    const sidebar = await openSidebar({ run, user: OWNER });
    await sidebar.page.locator('body').waitFor();
    await eventually(() => expect(sidebar.calls.filter((c) => c.state === 'waiting')).toEqual([]));
    expect((await sidebar.page.locator('body').innerText()).trim()).not.toBe('');
    expect(await sidebar.page.evaluate('document.documentElement.clientWidth')).toBe(300);
    await screenshot(sidebar.page, 'sidebar-smoke', { docs: false });
    expect(await sidebar.takeProblems()).toEqual([]);
  });

  it('writes screenshots to test-artifacts/ only, unless npm run screenshots asks for docs/screenshots/', async () => {
    const sidebar = await openSidebar({ run: installed(), user: OWNER });
    await sidebar.page.locator('body').waitFor();
    const was = process.env[UPDATE_DOCS_ENV];
    delete process.env[UPDATE_DOCS_ENV];
    try {
      const saved = await screenshot(sidebar.page, 'harness-docs-check');
      expect(saved.map((f) => path.relative(path.resolve(__dirname, '..', '..'), f))).toEqual([path.join('test-artifacts', 'screenshots', 'harness-docs-check.png')]);
      expect(existsSync(path.resolve(__dirname, '..', '..', 'docs', 'screenshots', 'harness-docs-check.png'))).toBe(false);
    } finally {
      if (was !== undefined) process.env[UPDATE_DOCS_ENV] = was;
    }
  });
});
