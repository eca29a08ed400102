/**
 * Run self-check (menu, managers only): runs, inside the real spreadsheet, the platform facts
 * Baton and its emulator rely on, in a scratch tab it deletes afterwards, and writes what each did
 * to the Baton Self-check tab (core/self-check.ts). Every probe is caught on its own: a probe that
 * throws reports its message, never stops the others.
 */
import { asCellText } from '../core/cell-text';
import {
  describeValue,
  expectedTriggerList,
  judge,
  selfCheckRows,
  selfCheckSummary,
  SELF_CHECK_SCRATCH,
  SELF_CHECK_TAB,
  typedDateIn,
  type CheckedFact,
  type ProbeOutcome,
} from '../core/self-check';
import { HANDLERS } from '../core/trigger-plan';
import * as store from './document-store';
import { effectiveEmail } from './environment';
import { check } from './guard';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export type SelfCheckResult = { ok: true; facts: CheckedFact[]; message: string } | { ok: false; problems: string[] };

interface Probe {
  fact: string;
  assumes: string | ((env: ProbeEnv) => string);
  run: (scratch: Sheet, env: ProbeEnv) => string;
}

interface ProbeEnv {
  me: string;
  locale: string;
  ownsTriggers: boolean;
}

const JAN_15_NOON_UTC = Date.UTC(2026, 0, 15, 12);
const JUL_1_NOON_UTC = Date.UTC(2026, 6, 1, 12);
const USER_PROPERTY = 'batonSelfCheck';

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Runs `body`; a thrown error is the outcome, as text. */
function thrown(body: () => unknown): string {
  try {
    body();
    return '(no error)';
  } catch (err) {
    return errorText(err);
  }
}

/** The spreadsheet-zone calendar day a Date cell shows. */
function dayOf(d: unknown, zone: string): string {
  return Object.prototype.toString.call(d) === '[object Date]' ? Utilities.formatDate(d as Date, zone, 'yyyy-MM-dd') : describeValue(d);
}

const PROBES: Probe[] = [
  {
    fact: 'getValues gives Number, Boolean, Date and String; an empty cell is an empty string',
    assumes: "number 42 | boolean true | Date | text \"x\" | '' (empty)",
    run: (s) => {
      const r = s.getRange(1, 1, 1, 5);
      r.setValues([[42, true, new Date(JAN_15_NOON_UTC), 'x', '']]);
      return r.getValues()[0].map(describeValue).join(' | ');
    },
  },
  {
    fact: 'A string starting with "=" written by a script becomes a formula',
    assumes: '=1+2 → number 3',
    run: (s) => {
      const r = s.getRange('A2');
      r.setValue('=1+2');
      return `${r.getFormula()} → ${describeValue(r.getValue())}`;
    },
  },
  {
    fact: 'A leading apostrophe keeps a string as text (and is not stored)',
    assumes: 'text "=1+2", no formula',
    run: (s) => {
      const r = s.getRange('A3');
      r.setValue("'=1+2");
      return `${describeValue(r.getValue())}, ${r.getFormula() ? 'formula ' + r.getFormula() : 'no formula'}`;
    },
  },
  {
    fact: 'A phone "+1 212 555 0101" written into an unformatted cell is read as a formula',
    assumes: 'text "#ERROR!"',
    run: (s) => {
      const r = s.getRange('A4');
      r.setValue('+1 212 555 0101');
      return describeValue(r.getValue());
    },
  },
  {
    fact: 'A phone "+15550100" written into an unformatted cell becomes a number',
    assumes: 'number 15550100',
    run: (s) => {
      const r = s.getRange('A5');
      r.setValue('+15550100');
      return describeValue(r.getValue());
    },
  },
  {
    fact: 'Plain-text format (@) keeps "+1 212 555 0101" and "00501" as text',
    assumes: 'text "+1 212 555 0101" | text "00501" | format @',
    run: (s) => {
      const r = s.getRange('A6:B6');
      r.setNumberFormat('@');
      r.setValues([['+1 212 555 0101', '00501']]);
      return [...r.getValues()[0].map(describeValue), 'format ' + r.getNumberFormat()].join(' | ');
    },
  },
  {
    fact: "An apostrophe written into a plain-text cell stays in the value (why Baton leaves Lead ID's format alone)",
    assumes: 'text "\'L-ABC123"',
    run: (s) => {
      const r = s.getRange('C6');
      r.setNumberFormat('@');
      r.setValue("'L-ABC123");
      return describeValue(r.getValue());
    },
  },
  {
    fact: 'Numbers typed with separators or currency become numbers',
    assumes: 'number 1000 | number 1200',
    run: (s) => {
      const r = s.getRange('A7:B7');
      r.setValues([['1,000', '$1,200']]);
      return r.getValues()[0].map(describeValue).join(' | ');
    },
  },
  {
    fact: 'A date typed as text "3/4/2026" is read in the spreadsheet locale',
    assumes: (env) => `${typedDateIn(env.locale)} (locale ${env.locale})`,
    run: (s, env) => {
      const r = s.getRange('A8');
      r.setValue('3/4/2026');
      return `${dayOf(r.getValue(), s.getParent().getSpreadsheetTimeZone())} (locale ${env.locale})`;
    },
  },
  {
    fact: 'setValues with the wrong number of columns fails with this text',
    assumes: 'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    run: (s) => thrown(() => s.getRange(9, 1, 1, 2).setValues([[1]])),
  },
  {
    fact: 'A range of zero rows fails with this text',
    assumes: 'The number of rows in the range must be at least 1.',
    run: (s) => thrown(() => s.getRange(1, 1, 0, 1)),
  },
  {
    fact: 'Developer metadata on a single cell fails (rows, columns, sheets only)',
    assumes:
      'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.',
    run: (s) => thrown(() => s.getRange('C10').addDeveloperMetadata('batonSelfCheck')),
  },
  {
    fact: 'setNote(25) reads back "25"; setNotes([[25]]) reads back "25.0"',
    assumes: '25 | 25.0',
    run: (s) => {
      s.getRange('A11').setNote(25 as unknown as string);
      s.getRange('B11').setNotes([[25 as unknown as string]]);
      return `${s.getRange('A11').getNote()} | ${s.getRange('B11').getNote()}`;
    },
  },
  {
    fact: 'A script reads its own pending writes (reads flush the write buffer); SpreadsheetApp.flush() works',
    assumes: 'text "written" | flushed',
    run: (s) => {
      const r = s.getRange('A12');
      r.setValue('written');
      const read = describeValue(r.getValue());
      SpreadsheetApp.flush();
      return `${read} | flushed`;
    },
  },
  {
    fact: "getProjectTriggers lists only the running person's triggers (Baton's run as the person who installed them)",
    assumes: (env) => expectedTriggerList(env.ownsTriggers),
    run: () => {
      const ours: string[] = Object.values(HANDLERS);
      const names = ScriptApp.getProjectTriggers()
        .map((t) => t.getHandlerFunction())
        .filter((h) => ours.includes(h));
      const unique = names.filter((h, i) => names.indexOf(h) === i).sort();
      return unique.length ? unique.join(', ') : '(none)';
    },
  },
  {
    fact: 'LockService: tryLock(0) takes a free lock, and taking it again while held returns true',
    assumes: 'true | true | released',
    run: () => {
      const lock = LockService.getUserLock();
      const first = lock.tryLock(0);
      const again = lock.tryLock(0);
      lock.releaseLock();
      return `${first} | ${again} | ${lock.hasLock() ? 'still held' : 'released'}`;
    },
  },
  {
    fact: 'A property value over 9 KB fails with the storage quota text',
    assumes: 'You have exceeded the property storage quota. Please remove some properties and try again.',
    run: () => {
      const props = PropertiesService.getUserProperties();
      try {
        return thrown(() => props.setProperty(USER_PROPERTY, new Array(9 * 1024 + 2).join('x')));
      } finally {
        props.deleteProperty(USER_PROPERTY);
      }
    },
  },
  {
    fact: 'CacheService: a value over 100 KB fails, and so does an expiry over 21,600 s',
    assumes: 'Argument too large: value | Argument too large: expirationInSeconds',
    run: () => {
      const cache = CacheService.getUserCache();
      const big = thrown(() => cache.put(USER_PROPERTY, new Array(100 * 1024 + 2).join('x')));
      const long = thrown(() => cache.put(USER_PROPERTY, 'x', 21_601));
      cache.remove(USER_PROPERTY);
      return `${big} | ${long}`;
    },
  },
  {
    fact: 'MailApp.getRemainingDailyQuota() tells the recipients left today (at most 100 consumer, 1,500 Workspace)',
    assumes: 'a number from 0 to 1500',
    run: () => {
      const left = MailApp.getRemainingDailyQuota();
      return typeof left === 'number' && left >= 0 && left <= 1500 ? 'a number from 0 to 1500' : describeValue(left);
    },
  },
  {
    fact: 'Utilities.formatDate follows the zone and its daylight saving time',
    assumes: '2026-07-01 08:00 | 2026-01-15 07:00',
    run: () =>
      `${Utilities.formatDate(new Date(JUL_1_NOON_UTC), 'America/New_York', 'yyyy-MM-dd HH:mm')} | ${Utilities.formatDate(new Date(JAN_15_NOON_UTC), 'America/New_York', 'yyyy-MM-dd HH:mm')}`,
  },
  {
    fact: 'Utilities.formatDate formats an unknown time zone as GMT, without an error',
    assumes: '12:00',
    run: () => {
      try {
        return Utilities.formatDate(new Date(JAN_15_NOON_UTC), 'Mars/Olympus', 'HH:mm');
      } catch (err) {
        return errorText(err);
      }
    },
  },
  {
    fact: "In a menu run the person's e-mail is visible, and is the effective user's",
    assumes: 'visible, same as the effective user',
    run: (_s, env) => {
      const active = Session.getActiveUser().getEmail();
      if (!active) return 'blank';
      return active === env.me ? 'visible, same as the effective user' : 'visible, not the effective user';
    },
  },
];

/** Runs every probe in a fresh scratch tab, deleted afterwards (also when a probe fails). */
export function runProbes(): CheckedFact[] {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const old = ss.getSheetByName(SELF_CHECK_SCRATCH);
  if (old) ss.deleteSheet(old);
  const all = store.readAll();
  const me = effectiveEmail();
  const env: ProbeEnv = { me, locale: ss.getSpreadsheetLocale(), ownsTriggers: store.readOwnership(all)?.owner === me };
  const scratch = ss.insertSheet(SELF_CHECK_SCRATCH);
  const outcomes: ProbeOutcome[] = [];
  try {
    for (const probe of PROBES) {
      const assumes = typeof probe.assumes === 'function' ? probe.assumes(env) : probe.assumes;
      let did: string;
      try {
        did = probe.run(scratch, env);
      } catch (err) {
        did = 'failed: ' + errorText(err);
      }
      outcomes.push({ fact: probe.fact, assumes, did });
    }
  } finally {
    ss.deleteSheet(scratch);
  }
  return judge(outcomes);
}

function writeReport(facts: CheckedFact[]): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName(SELF_CHECK_TAB) ?? ss.insertSheet(SELF_CHECK_TAB);
  sheet.clearContents();
  const rows = selfCheckRows(facts).map((row) => row.map(asCellText));
  sheet.getRange(1, 1, rows.length, rows[0].length).setValues(rows);
  sheet.getRange(1, 1, 1, rows[0].length).setFontWeight('bold');
  if (sheet.getFrozenRows() < 1) sheet.setFrozenRows(1);
}

/** Menu: Run self-check; managers only (checked here, on the server). */
export function runSelfCheck(): SelfCheckResult {
  // Before Baton is set up nobody is a manager yet: a new user may check the platform first.
  const { problem: refused } = check('bootstrap', 'run the self-check');
  if (refused) return { ok: false, problems: [refused] };
  const facts = runProbes();
  writeReport(facts);
  return { ok: true, facts, message: selfCheckSummary(facts) };
}
