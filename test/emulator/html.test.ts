import { ExecutionSpec, Runtime } from '../../emulator/runtime';
import { createHtmlService, projectFiles } from '../../emulator/services/html';

const T0 = Date.UTC(2026, 2, 2, 14, 0, 0);
const spec: ExecutionSpec = { functionName: 'f', trigger: 'menu', authMode: 'FULL', activeUser: 'ann@x.test', effectiveUser: 'ann@x.test' };

describe('HtmlService', () => {
  it('serves a project file by name, with or without .html (reference html/html-service: createHtmlOutputFromFile)', () => {
    const rt = new Runtime(T0);
    projectFiles(rt).set('Sidebar', '<div>x</div><script>a<?b</script>');
    const got: string[] = [];
    const rec = rt.run(spec, () => {
      const h = createHtmlService(rt);
      got.push(h.createHtmlOutputFromFile('Sidebar').getContent(), h.createHtmlOutputFromFile('Sidebar.html').getContent());
    });
    expect(rec.error).toBeNull();
    expect(got).toEqual(['<div>x</div><script>a<?b</script>', '<div>x</div><script>a<?b</script>']);
    expect(rec.calls).toEqual({ 'HtmlService.createHtmlOutputFromFile': 2 });
  });

  it('throws for an unknown file (Apps Script error "No HTML file named X was found.")', () => {
    const rt = new Runtime(T0);
    const rec = rt.run(spec, () => createHtmlService(rt).createHtmlOutputFromFile('Nope'));
    expect(rec.error).toBe('No HTML file named Nope was found.');
  });

  it('HtmlOutput setters chain and getters read back (reference html/html-output)', () => {
    const rt = new Runtime(T0);
    const rec = rt.run(spec, () => {
      const h = createHtmlService(rt);
      const out = h
        .createHtmlOutput('<p>')
        .append('a</p>')
        .appendUntrusted('<b>')
        .setTitle('Baton')
        .setWidth(320)
        .setHeight(240)
        .setSandboxMode(h.SandboxMode.IFRAME)
        .setXFrameOptionsMode(h.XFrameOptionsMode.ALLOWALL)
        .addMetaTag('viewport', 'width=device-width');
      return [out.getContent(), out.getTitle(), out.getWidth(), out.getHeight(), out.getMetaTags()[0].getName()];
    });
    expect(rec.result).toEqual(['<p>a</p>&lt;b&gt;', 'Baton', 320, 240, 'viewport']);
  });

  it('addMetaTag accepts only the documented names (reference html/html-output: addMetaTag)', () => {
    const rt = new Runtime(T0);
    const rec = rt.run(spec, () => createHtmlService(rt).createHtmlOutput('').addMetaTag('description', 'x'));
    expect(rec.error).toMatch(/Meta tag "description" is not allowed/);
  });

  it('setSandboxMode takes only a SandboxMode value (reference html/sandbox-mode)', () => {
    const rt = new Runtime(T0);
    const rec = rt.run(spec, () => createHtmlService(rt).createHtmlOutput('').setSandboxMode('IFRAME'));
    expect(rec.error).toBe("The parameters (String) don't match the method signature for HtmlOutput.setSandboxMode.");
  });

  it('a template with "<?" is not evaluated: Baton must serve the file as is (PLATFORM.md, HtmlService and the sidebar)', () => {
    const rt = new Runtime(T0);
    projectFiles(rt).set('Sidebar', '<script>if(a<?b:c)</script>');
    projectFiles(rt).set('Plain', '<p>ok</p>');
    const bad = rt.run(spec, () => createHtmlService(rt).createTemplateFromFile('Sidebar').evaluate());
    expect(bad.error).toMatch(/not emulated/);
    const ok = rt.run(spec, () => createHtmlService(rt).createTemplateFromFile('Plain').evaluate().getContent());
    expect(ok.result).toBe('<p>ok</p>');
  });
});
