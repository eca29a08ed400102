/**
 * The naive baseline the benchmark compares Baton against: how an Apps Script sweep is commonly
 * written, one cell at a time. Same job in outline (give each row an ID, check the e-mail, set a
 * status), with a service call per cell. Never shipped; loaded into the emulator by bench/run.ts.
 */
function naiveSweep() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Leads');
  var last = sheet.getLastRow();
  for (var row = 2; row <= last; row++) {
    var id = sheet.getRange(row, 1).getValue();
    if (id === '') sheet.getRange(row, 1).setValue('L-' + Utilities.getUuid().slice(0, 6).toUpperCase());
    var email = sheet.getRange(row, 4).getValue();
    var ok = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(String(email));
    sheet.getRange(row, 14).setValue(ok ? 'Ready' : 'Needs info');
    sheet.getRange(row, 20).setValue(ok ? '' : 'Email is not valid.');
  }
}
