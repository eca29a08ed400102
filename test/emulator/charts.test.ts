/**
 * Embedded charts in the emulator (emulator/spreadsheet/charts.ts). Reference:
 * developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder, /embedded-chart,
 * /sheet (newChart, insertChart, getCharts, updateChart, removeChart).
 */
import { ExecutionSpec, Runtime } from '../../emulator/runtime';
import { createSpreadsheetApp, spreadsheetState } from '../../emulator/spreadsheet';
import { sheetCharts, snapshotChart } from '../../emulator/spreadsheet/charts';
import { gasEnum } from '../../emulator/services/utilities';

const OWNER = 'maria@acme.test';
const spec: ExecutionSpec = { functionName: 'f', trigger: 'installable', authMode: 'FULL', activeUser: OWNER, effectiveUser: OWNER };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function setup() {
  const rt = new Runtime(Date.UTC(2026, 2, 16, 12));
  const doc = spreadsheetState(rt);
  doc.owner = OWNER;
  doc.addSheet('R', [['Week', 'Pct'], ['a', 1], ['b', 2]]);
  doc.addSheet('Other', [['x']]);
  const app = createSpreadsheetApp(rt) as Any;
  const run = <T>(body: () => T) => {
    const rec = rt.run(spec, body);
    return { result: rec.result as T, error: rec.error, calls: rec.calls };
  };
  const sheet = () => app.getActiveSpreadsheet().getSheetByName('R');
  const charts = () => sheetCharts(doc.sheetByName('R')!).map((c) => snapshotChart(c, doc.sheetByName('R')!));
  return { rt, app, run, sheet, charts };
}

describe('EmbeddedChartBuilder and Sheet charts (reference: embedded-chart-builder, sheet)', () => {
  it('newChart … build, insertChart: the sheet records type, ranges, position and options', () => {
    const { run, sheet, charts } = setup();
    const { error } = run(() => {
      const s = sheet();
      const chart = s.newChart().asColumnChart().addRange(s.getRange('A1:A3')).addRange(s.getRange(1, 2, 3, 1)).setPosition(2, 5, 10, 0).setOption('title', 'Pct').build();
      s.insertChart(chart);
    });
    expect(error).toBeNull();
    expect(charts()).toEqual([{ id: 1, type: 'COLUMN', ranges: ['A1:A3', 'B1:B3'], position: { row: 2, column: 5, offsetX: 10, offsetY: 0 }, options: { title: 'Pct' } }]);
  });

  it('a built chart is not on the sheet until insertChart (build alone changes nothing)', () => {
    const { run, sheet, charts } = setup();
    run(() => sheet().newChart().asBarChart().addRange(sheet().getRange('A1:B3')).setPosition(1, 1, 0, 0).build());
    expect(charts()).toEqual([]);
  });

  it('builders are free; insertChart, getCharts, updateChart and removeChart are counted service calls', () => {
    const { run, sheet } = setup();
    const { calls } = run(() => {
      const s = sheet();
      s.insertChart(s.newChart().asLineChart().addRange(s.getRange('A1:B3')).setPosition(1, 4, 0, 0).setOption('title', 't').build());
      const [c] = s.getCharts();
      s.updateChart(c.modify().setOption('title', 'u').build());
      s.removeChart(s.getCharts()[0]);
    });
    expect(calls['Sheet.insertChart']).toBe(1);
    expect(calls['Sheet.getCharts']).toBe(2);
    expect(calls['Sheet.updateChart']).toBe(1);
    expect(calls['Sheet.removeChart']).toBe(1);
    expect(Object.keys(calls).some((m) => m.startsWith('EmbeddedChartBuilder.') || m === 'Sheet.newChart')).toBe(false);
  });

  it('modify() changes a copy: only updateChart saves it', () => {
    const { run, sheet, charts } = setup();
    run(() => {
      const s = sheet();
      s.insertChart(s.newChart().asColumnChart().addRange(s.getRange('A1:B3')).setPosition(1, 4, 0, 0).setOption('title', 'before').build());
      s.getCharts()[0].modify().setOption('title', 'not saved').build();
    });
    expect(charts()[0].options.title).toBe('before');
    run(() => {
      const s = sheet();
      s.updateChart(s.getCharts()[0].modify().setOption('title', 'after').setPosition(3, 3, 0, 0).build());
    });
    expect(charts()).toHaveLength(1);
    expect(charts()[0]).toMatchObject({ options: { title: 'after' }, position: { row: 3, column: 3 } });
  });

  it('getCharts gives what insertChart stored, with its ranges and options', () => {
    const { run, sheet } = setup();
    const { result } = run(() => {
      const s = sheet();
      s.insertChart(s.newChart().asBarChart().addRange(s.getRange('A1:B3')).setPosition(1, 4, 0, 0).setOption('legend.position', 'none').build());
      const c = s.getCharts()[0];
      return [c.getRanges()[0].getA1Notation(), c.getOptions().get('legend.position'), c.modify().getChartType(), c.getContainerInfo().getAnchorColumn()];
    });
    expect(result).toEqual(['A1:B3', 'none', 'BAR', 4]);
  });

  it('ranges on another tab carry its name', () => {
    const { run, sheet, charts } = setup();
    run(() => {
      const other = sheet().getParent().getSheetByName('Other');
      sheet().insertChart(sheet().newChart().asColumnChart().addRange(other.getRange('A1')).setPosition(1, 1, 0, 0).build());
    });
    expect(charts()[0].ranges).toEqual(["'Other'!A1"]);
  });

  it('removeChart of a chart not on the sheet, and updateChart of one never inserted, throw', () => {
    const { run, sheet } = setup();
    expect(run(() => sheet().removeChart(sheet().newChart().asBarChart().setPosition(1, 1, 0, 0).build())).error).toMatch(/not on this sheet/);
    expect(run(() => sheet().updateChart(sheet().newChart().asBarChart().setPosition(1, 1, 0, 0).build())).error).toMatch(/not on this sheet/);
  });

  it('strict arguments: addRange needs a Range, setPosition four numbers, setOption a string name, setChartType a ChartType', () => {
    const { run, sheet } = setup();
    expect(run(() => sheet().newChart().addRange('A1:B3')).error).toMatch(/don't match the method signature for SpreadsheetApp\.EmbeddedChartBuilder\.addRange/);
    expect(run(() => sheet().newChart().setPosition(1, 1)).error).toMatch(/EmbeddedChartBuilder\.setPosition/);
    expect(run(() => sheet().newChart().setOption(5, 'x')).error).toMatch(/EmbeddedChartBuilder\.setOption/);
    expect(run(() => sheet().newChart().setChartType('PIE')).error).toMatch(/Invalid argument/);
    const ChartType = gasEnum(['PIE', 'LINE']);
    expect(run(() => sheet().newChart().setChartType(ChartType.PIE).getChartType()).result).toBe('PIE');
  });
});
