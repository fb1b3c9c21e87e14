/* global PDFDocument, Font, scriptArgs -- MuPDF's mutool run environment */
// Reference for bench/stamp: the same "Filed" stamp as the engine (page 1), and with `footer` a page footer on
// every page, drawn by MuPDF's `mutool run` and saved as an incremental update. Usage:
//   mutool run mutool-stamp.js IN OUT [footer]
var doc = new PDFDocument(scriptArgs[0]);
var footer = scriptArgs[2] === 'footer';
var font = doc.addSimpleFont(new Font('Helvetica'), 'Latin');
var pages = doc.countPages();
for (var i = 0; i < (footer ? pages : 1); i++) {
  var page = doc.findPage(i);
  var resources = page.get('Resources');
  var fonts = resources.get('Font');
  if (!fonts.isDictionary()) {
    fonts = doc.newDictionary();
    resources.put('Font', fonts);
  }
  fonts.put('CRDStampF', font);
  var box = page.get('MediaBox');
  var width = box.get(2) - box.get(0);
  var ops = '';
  if (footer) ops += 'q BT /CRDStampF 8 Tf 0.2 0.2 0.2 rg 1 0 0 1 ' + (width / 2 - 80) + ' 20 Tm (Page ' + (i + 1) + ' of ' + pages + ' - 2026-CV-000123) Tj ET Q\n';
  if (i === 0) {
    ops += 'q 0.6 0 0 RG 1.5 w ' + (width - 236) + ' 700 200 70 re S BT /CRDStampF 14 Tf 0.6 0 0 rg 1 0 0 1 ' + (width - 226) + ' 748 Tm (FILED) Tj ET ' +
      'BT /CRDStampF 9 Tf 1 0 0 1 ' + (width - 226) + ' 732 Tm (Superior Court of Demo County) Tj ET ' +
      'BT /CRDStampF 9 Tf 1 0 0 1 ' + (width - 226) + ' 720 Tm (2026-11-22 10:15 CST) Tj ET ' +
      'BT /CRDStampF 9 Tf 1 0 0 1 ' + (width - 226) + ' 708 Tm (Case 2026-CV-000123  Clerk J. Doe) Tj ET Q\n';
  }
  var contents = page.get('Contents');
  var array = doc.newArray();
  array.push(doc.addStream('q\n', {}));
  if (contents.isArray()) {
    for (var k = 0; k < contents.length; k++) array.push(contents.get(k));
  } else {
    array.push(contents);
  }
  array.push(doc.addStream('Q\n' + ops, {}));
  page.put('Contents', array);
}
doc.save(scriptArgs[1], 'incremental');
