/* Shared helpers. Every string from a submission reaches the page through textContent, never innerHTML. */
(function () {
  'use strict';
  // this page's own summary (ViewData): a board or a system comes later, when the page chooses it (jb.load)
  var JB = window.JB || {};
  var parts = {}, pending = {};

  /* A part's rows as objects, each with its system as .sys; rows a ranking leaves out are never shown. */
  function table(part) {
    var cols = part.columns;
    return part.rows.map(function (a) {
      var o = {};
      for (var i = 0; i < cols.length; i++) o[cols[i]] = a[i];
      o.sys = part.systems[o.system];
      return o;
    }).filter(function (r) {
      // a result whose raw windows miss the submission profile is shown on its system page only, never ranked
      return r.unranked === null || r.unranked === undefined;
    });
  }

  /*
   * Loads one data part (a classic script that files itself in window.JB_PARTS: pages work from file://, where
   * fetch is refused) and resolves to {systems, rows}; each part is loaded once.
   */
  function load(path) {
    if (parts[path]) return Promise.resolve(parts[path]);
    if (pending[path]) return pending[path];
    pending[path] = new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = (document.body.dataset.root || '') + path;
      s.onload = function () {
        var p = (window.JB_PARTS || {})[path];
        delete pending[path];
        if (!p) { reject(new Error(path + ' holds no data')); return; }
        parts[path] = { systems: p.systems, rows: table(p) };
        resolve(parts[path]);
      };
      s.onerror = function () { delete pending[path]; reject(new Error('cannot load ' + path)); };
      document.body.appendChild(s);
    });
    return pending[path];
  }

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

  window.jb = { data: JB, rows: [], load: load, el: el, fmt: fmt, uniq: uniq, fillSelect: fillSelect, toCsv: toCsv,
    download: download, systemHref: systemHref, lastDownload: null };
})();
