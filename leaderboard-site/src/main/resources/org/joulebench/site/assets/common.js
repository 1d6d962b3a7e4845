/* Shared helpers. Every string from a submission reaches the page through textContent, never innerHTML. */
(function () {
  'use strict';
  var JB = window.JB || { columns: [], rows: [], systems: [] };
  var cols = JB.columns;
  var rows = JB.rows.map(function (a) {
    var o = {};
    for (var i = 0; i < cols.length; i++) o[cols[i]] = a[i];
    o.sys = JB.systems[o.system];
    return o;
  }).filter(function (r) {
    // a result whose raw windows miss the submission profile is shown on its system page only, never ranked
    return r.unranked === null || r.unranked === undefined;
  });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function fmt(v) {
    if (v === null || v === undefined || !isFinite(v)) return '–';
    var a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e7)) return v.toExponential(3);
    return String(Number(v.toPrecision(4)));
  }

  function uniq(values) {
    var seen = {}, out = [];
    values.forEach(function (v) {
      if (v !== null && v !== undefined && !seen[v]) { seen[v] = 1; out.push(v); }
    });
    return out.sort();
  }

  function fillSelect(select, values, withAny, selected) {
    while (select.firstChild) select.removeChild(select.firstChild);
    if (withAny) { var any = el('option', 'any'); any.value = ''; select.appendChild(any); }
    values.forEach(function (v) {
      var o = el('option', v); o.value = v;
      if (v === selected) o.selected = true;
      select.appendChild(o);
    });
  }

  function csvField(v) {
    if (v === null || v === undefined) return '';
    var s = String(v);
    if (typeof v !== 'number' && /^[=+\-@]/.test(s)) s = "'" + s;
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function toCsv(header, records, citation) {
    var lines = ['# ' + (citation || JB.citation || '')];
    lines.push(header.map(csvField).join(','));
    records.forEach(function (r) { lines.push(r.map(csvField).join(',')); });
    return lines.join('\n') + '\n';
  }

  /* Saves text or a Blob as a file; the last one stays in jb.lastDownload (the browser tests read it there). */
  function download(content, name, type) {
    var blob = content instanceof Blob ? content : new Blob([content], { type: type });
    window.jb.lastDownload = { name: name, blob: blob };
    var a = el('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  function systemHref(sys) { return (document.body.dataset.root || '') + 'systems/' + sys.id + '.html'; }

  window.jb = { data: JB, rows: rows, el: el, fmt: fmt, uniq: uniq, fillSelect: fillSelect, toCsv: toCsv,
    download: download, systemHref: systemHref, lastDownload: null };
})();
