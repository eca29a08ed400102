/**
 * Embedded charts, strict as Google where the reference is explicit: Sheet.newChart() gives an
 * EmbeddedChartBuilder (setChartType / as…Chart, addRange, removeRange, clearRanges, setPosition,
 * setOption, build); Sheet.insertChart / getCharts / updateChart / removeChart change what the
 * sheet holds; EmbeddedChart.modify() gives a builder over a copy, saved only by updateChart.
 * Reference: developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder,
 * /embedded-chart, /sheet#newChart(). Builders are free (no round trip); insert, get, update and
 * remove are counted service calls.
 *
 * Emulator choices where the reference gives no error text (kept in one place, `CHART_TEXTS`):
 * a range that is not a Range, a chart type that is not a Charts.ChartType, a position that is not
 * four numbers, and updating or removing a chart that is not on the sheet all throw.
 */
import type { Ctx, Range } from './api';
import type { SheetModel } from './model';
import { rectA1 } from './model';
import type { Rect } from './values';

/** Charts.ChartType names (reference: charts/chart-type). */
export const CHART_TYPES = [
  'AREA', 'BAR', 'BUBBLE', 'CANDLESTICK', 'COLUMN', 'COMBO', 'GAUGE', 'GEO', 'HISTOGRAM', 'RADAR', 'LINE', 'ORG',
  'PIE', 'SCATTER', 'SPARKLINE', 'STEPPED_AREA', 'TABLE', 'TIMELINE', 'TREEMAP', 'WATERFALL',
] as const;

export const CHART_TEXTS = {
  signature: (method: string, args: unknown[]) =>
    `The parameters (${args.map((a) => (a === null ? 'null' : typeof a === 'number' ? 'number' : typeof a === 'string' ? 'String' : typeof a)).join(',')}) don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.${method}.`,
  notOnSheet: 'The chart is not on this sheet.',
  invalidType: 'Invalid argument: type',
};

export interface ChartRangeModel {
  sheet: SheetModel;
  rect: Rect;
}

export interface ChartModel {
  /** 0 until inserted. */
  id: number;
  type: string;
  ranges: ChartRangeModel[];
  position: { row: number; column: number; offsetX: number; offsetY: number };
  options: Record<string, unknown>;
}

/** What the scenario result and tests see of a chart. */
export interface ChartSnapshot {
  id: number;
  type: string;
  /** A1 ranges; another tab's carry its name ('Leads'!A1:B3). */
  ranges: string[];
  position: { row: number; column: number; offsetX: number; offsetY: number };
  options: Record<string, unknown>;
}

/** The charts of each sheet, by model (the model stays free of chart code). */
const chartsOf = new WeakMap<SheetModel, ChartModel[]>();
export function sheetCharts(sheet: SheetModel): ChartModel[] {
  let list = chartsOf.get(sheet);
  if (!list) chartsOf.set(sheet, (list = []));
  return list;
}

function copy(c: ChartModel): ChartModel {
  return { ...c, ranges: [...c.ranges], position: { ...c.position }, options: JSON.parse(JSON.stringify(c.options)) as Record<string, unknown> };
}

function plainValue(v: unknown): unknown {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v) ? v : JSON.parse(JSON.stringify(v));
}

export function snapshotChart(c: ChartModel, on: SheetModel): ChartSnapshot {
  return {
    id: c.id,
    type: c.type,
    ranges: c.ranges.map((r) => (r.sheet === on ? rectA1(r.rect) : `'${r.sheet.name}'!${rectA1(r.rect)}`)),
    position: { ...c.position },
    options: JSON.parse(JSON.stringify(c.options)) as Record<string, unknown>,
  };
}

/** A range as the chart code needs it: the host-side Range class exposes its location. */
export type Locate = (range: unknown) => ChartRangeModel | null;

export class EmbeddedChartBuilder {
  private readonly c: ChartModel;
  constructor(
    private readonly ctx: Ctx,
    private readonly locate: Locate,
    init?: ChartModel,
  ) {
    this.c = init ? copy(init) : { id: 0, type: 'LINE', ranges: [], position: { row: 1, column: 1, offsetX: 0, offsetY: 0 }, options: {} };
  }
  private b(m: string, body: () => void): EmbeddedChartBuilder {
    return this.ctx.call('EmbeddedChartBuilder.' + m, () => {
      body();
      return this;
    }, true);
  }
  private get_<T>(m: string, body: () => T): T {
    return this.ctx.call('EmbeddedChartBuilder.' + m, body, true);
  }
  private as(m: string, type: string): EmbeddedChartBuilder {
    return this.b(m, () => void (this.c.type = type));
  }
  addRange(range: Range): EmbeddedChartBuilder {
    return this.b('addRange', () => {
      const where = this.locate(range);
      if (!where) throw this.ctx.err(CHART_TEXTS.signature('addRange', [range]));
      this.c.ranges.push(where);
    });
  }
  removeRange(range: Range): EmbeddedChartBuilder {
    return this.b('removeRange', () => {
      const where = this.locate(range);
      if (!where) throw this.ctx.err(CHART_TEXTS.signature('removeRange', [range]));
      this.c.ranges = this.c.ranges.filter((r) => !(r.sheet === where.sheet && rectA1(r.rect) === rectA1(where.rect)));
    });
  }
  clearRanges(): EmbeddedChartBuilder {
    return this.b('clearRanges', () => void (this.c.ranges = []));
  }
  getRanges(): Range[] {
    return this.get_('getRanges', () => this.ctx.rt.list(this.c.ranges.map((r) => this.ctx.doc.rangeMaker!(r.sheet, r.rect.r, r.rect.c, r.rect.nr, r.rect.nc) as Range)));
  }
  setChartType(type: unknown): EmbeddedChartBuilder {
    return this.b('setChartType', () => {
      const name = type && typeof type === 'object' && typeof (type as { name?: unknown }).name === 'function' ? String((type as { name(): string }).name()) : '';
      if (!(CHART_TYPES as readonly string[]).includes(name)) throw this.ctx.err(CHART_TEXTS.invalidType);
      this.c.type = name;
    });
  }
  getChartType(): string {
    return this.get_('getChartType', () => this.c.type);
  }
  asAreaChart(): EmbeddedChartBuilder {
    return this.as('asAreaChart', 'AREA');
  }
  asBarChart(): EmbeddedChartBuilder {
    return this.as('asBarChart', 'BAR');
  }
  asColumnChart(): EmbeddedChartBuilder {
    return this.as('asColumnChart', 'COLUMN');
  }
  asComboChart(): EmbeddedChartBuilder {
    return this.as('asComboChart', 'COMBO');
  }
  asHistogramChart(): EmbeddedChartBuilder {
    return this.as('asHistogramChart', 'HISTOGRAM');
  }
  asLineChart(): EmbeddedChartBuilder {
    return this.as('asLineChart', 'LINE');
  }
  asPieChart(): EmbeddedChartBuilder {
    return this.as('asPieChart', 'PIE');
  }
  asScatterChart(): EmbeddedChartBuilder {
    return this.as('asScatterChart', 'SCATTER');
  }
  asTableChart(): EmbeddedChartBuilder {
    return this.as('asTableChart', 'TABLE');
  }
  /** The typed builders' setTitle is the 'title' option. */
  setTitle(title: string): EmbeddedChartBuilder {
    return this.b('setTitle', () => void (this.c.options.title = String(title)));
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): EmbeddedChartBuilder {
    // eslint-disable-next-line prefer-rest-params
    const args = [...arguments] as unknown[];
    return this.b('setPosition', () => {
      if (args.length !== 4 || !args.every((a) => typeof a === 'number' && Number.isFinite(a))) throw this.ctx.err(CHART_TEXTS.signature('setPosition', args));
      this.c.position = { row: Math.floor(anchorRowPos), column: Math.floor(anchorColPos), offsetX: Math.floor(offsetX), offsetY: Math.floor(offsetY) };
    });
  }
  setOption(option: string, value: unknown): EmbeddedChartBuilder {
    // eslint-disable-next-line prefer-rest-params
    const args = [...arguments] as unknown[];
    return this.b('setOption', () => {
      if (args.length !== 2 || typeof option !== 'string') throw this.ctx.err(CHART_TEXTS.signature('setOption', args));
      this.c.options[option] = plainValue(value);
    });
  }
  build(): EmbeddedChart {
    return this.get_('build', () => new EmbeddedChart(this.ctx, this.locate, copy(this.c)));
  }
}

export class EmbeddedChart {
  constructor(
    private readonly ctx: Ctx,
    private readonly locate: Locate,
    /** The chart's data (emulator use). */
    readonly model: ChartModel,
  ) {}
  private g<T>(m: string, body: () => T): T {
    return this.ctx.call('EmbeddedChart.' + m, body, true);
  }
  getChartId(): number | null {
    return this.g('getChartId', () => (this.model.id === 0 ? null : this.model.id));
  }
  getId(): string {
    return this.g('getId', () => String(this.model.id));
  }
  getOptions(): { get(option: string): unknown } {
    return this.g('getOptions', () => ({ get: (option: string) => this.model.options[String(option)] ?? null }));
  }
  getRanges(): Range[] {
    return this.g('getRanges', () => this.ctx.rt.list(this.model.ranges.map((r) => this.ctx.doc.rangeMaker!(r.sheet, r.rect.r, r.rect.c, r.rect.nr, r.rect.nc) as Range)));
  }
  getContainerInfo(): { getAnchorRow(): number; getAnchorColumn(): number; getOffsetX(): number; getOffsetY(): number } {
    return this.g('getContainerInfo', () => {
      const p = this.model.position;
      return { getAnchorRow: () => p.row, getAnchorColumn: () => p.column, getOffsetX: () => p.offsetX, getOffsetY: () => p.offsetY };
    });
  }
  modify(): EmbeddedChartBuilder {
    return this.g('modify', () => new EmbeddedChartBuilder(this.ctx, this.locate, this.model));
  }
}

/** The Sheet methods, called by Sheet in api.ts inside its own counted calls. */
export const sheetChartOps = {
  insert(ctx: Ctx, sheet: SheetModel, chart: unknown): void {
    if (!(chart instanceof EmbeddedChart)) throw ctx.err(CHART_TEXTS.signature('insertChart', [chart]).replace('EmbeddedChartBuilder', 'Sheet'));
    const model = copy(chart.model);
    const ids = ctx.rt.slot('spreadsheet:chartIds', () => ({ next: 1 }));
    model.id = ids.next++;
    chart.model.id = model.id;
    sheetCharts(sheet).push(model);
  },
  list(ctx: Ctx, locate: Locate, sheet: SheetModel): EmbeddedChart[] {
    return ctx.rt.list(sheetCharts(sheet).map((c) => new EmbeddedChart(ctx, locate, copy(c))));
  },
  update(ctx: Ctx, sheet: SheetModel, chart: unknown): void {
    if (!(chart instanceof EmbeddedChart)) throw ctx.err(CHART_TEXTS.signature('updateChart', [chart]).replace('EmbeddedChartBuilder', 'Sheet'));
    const list = sheetCharts(sheet);
    const i = list.findIndex((c) => c.id === chart.model.id && c.id !== 0);
    if (i < 0) throw ctx.err(CHART_TEXTS.notOnSheet);
    list[i] = { ...copy(chart.model), id: list[i].id };
  },
  remove(ctx: Ctx, sheet: SheetModel, chart: unknown): void {
    if (!(chart instanceof EmbeddedChart)) throw ctx.err(CHART_TEXTS.signature('removeChart', [chart]).replace('EmbeddedChartBuilder', 'Sheet'));
    const list = sheetCharts(sheet);
    const i = list.findIndex((c) => c.id === chart.model.id && c.id !== 0);
    if (i < 0) throw ctx.err(CHART_TEXTS.notOnSheet);
    list.splice(i, 1);
  },
};
