/* Vega-Lite charts with exports. Expressions run through vega-interpreter (no eval: the CSP forbids it). */
(function () {
  'use strict';
  var registry = {};

  /* Leaves out layers whose own data is empty (an empty layer on a log scale gives an infinite extent). */
  function dropEmptyLayers(spec) {
    if (!spec.layer) return !(spec.data && spec.data.values && spec.data.values.length === 0);
    spec.layer = spec.layer.filter(function (l) { return !(l.data && l.data.values && l.data.values.length === 0); });
    var inherited = !(spec.data && spec.data.values && spec.data.values.length === 0);
    return spec.layer.some(function (l) { return l.data ? true : inherited; });
  }

  /* A chart with nothing to draw: a "no results" line instead of an empty (log-scale) chart. */
  function showEmpty(id, message, fileBase) {
    var target = document.getElementById(id);
    if (registry[id] && registry[id].view) registry[id].view.finalize();
    while (target.firstChild) target.removeChild(target.firstChild);
    target.appendChild(window.jb.el('p', message || 'No results to chart for this choice.', 'no-results'));
    registry[id] = { csv: { header: [], records: [] }, fileBase: fileBase, view: null };
    target.dataset.rendered = '1';
    return Promise.resolve(null);
  }

  function show(id, spec, csv, fileBase, emptyMessage) {
    if (!dropEmptyLayers(spec)) return showEmpty(id, emptyMessage, fileBase);
    var target = document.getElementById(id);
    spec.$schema = 'https://vega.github.io/schema/vega-lite/v5.json';
    spec.width = spec.width || 760;
    spec.height = spec.height || 380;
    // legend labels carry "(estimate, not measured)": never cut off
    spec.config = Object.assign({ legend: { labelLimit: 380 }, title: { anchor: 'start' } }, spec.config || {});
    registry[id] = { csv: csv, fileBase: fileBase, view: null };
    target.dataset.rendered = '0';
    return window.vegaEmbed(target, spec, {
      renderer: 'svg', actions: false, defaultStyle: false, tooltip: false,
      ast: true, expr: window.vega.expressionInterpreter
    }).then(function (result) {
      if (registry[id]) registry[id].view = result.view;
      target.dataset.rendered = '1';
      return result.view;
    }).catch(function (err) {
      console.error('chart ' + id + ' failed: ' + err);
    });
  }

  function exportChart(id, kind) {
    var c = registry[id];
    if (!c) return;
    if (kind === 'csv') {
      window.jb.download(window.jb.toCsv(c.csv.header, c.csv.records), c.fileBase + '.csv', 'text/csv');
    } else if (kind === 'svg' && c.view) {
      return c.view.toSVG().then(function (svg) {
        window.jb.download(withCitation(svg), c.fileBase + '.svg', 'image/svg+xml');
      });
    } else if (kind === 'pdf' && c.view) {
      var fileBase = c.fileBase;
      return c.view.toSVG().then(function (svg) {
        return toPdf(svg, fileBase);
      }).then(function (blob) {
        window.jb.download(blob, fileBase + '.pdf', 'application/pdf');
      }).catch(function (err) {
        console.error('PDF export of ' + id + ' failed: ' + err);
      });
    }
  }

  var MARGIN_PT = 24, CITATION_PT = 7;

  /* The chart's SVG with the citation line added under it (the exported file carries its source, like the PDF). */
  function withCitation(svgText) {
    var citation = window.jb.data.citation || '';
    var doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
    var svg = doc.documentElement;
    if (svg.nodeName !== 'svg' || !citation) return svgText;
    var ns = 'http://www.w3.org/2000/svg', fontPx = CITATION_PT + 1, lineH = fontPx * 1.3;
    var w = parseFloat(svg.getAttribute('width')), h = parseFloat(svg.getAttribute('height'));
    // wrapped at spaces to the chart's width (about 0.55 em per character)
    var maxChars = Math.max(20, Math.floor((w - 8) / (0.55 * fontPx))), lines = [], line = '';
    citation.split(' ').forEach(function (word) {
      if (line && (line + ' ' + word).length > maxChars) { lines.push(line); line = word; }
      else line = line ? line + ' ' + word : word;
    });
    if (line) lines.push(line);
    var extra = lines.length * lineH + 8;
    var vb = (svg.getAttribute('viewBox') || '').split(/[\s,]+/).map(Number);
    var x0 = vb.length === 4 && vb.every(isFinite) ? vb[0] : 0, y0 = vb.length === 4 && vb.every(isFinite) ? vb[1] : 0;
    svg.setAttribute('height', String(h + extra));
    if (vb.length === 4 && vb.every(isFinite)) svg.setAttribute('viewBox', [vb[0], vb[1], vb[2], vb[3] + extra].join(' '));
    var text = doc.createElementNS(ns, 'text');
    text.setAttribute('class', 'citation');
    text.setAttribute('font-family', 'sans-serif');
    text.setAttribute('font-size', String(fontPx));
    text.setAttribute('fill', '#444');
    lines.forEach(function (l, i) {
      var t = doc.createElementNS(ns, 'tspan');
      t.setAttribute('x', String(x0 + 4));
      t.setAttribute('y', String(y0 + h + 4 + (i + 1) * lineH));
      t.textContent = i < lines.length - 1 ? l + ' ' : l;
      text.appendChild(t);
    });
    svg.appendChild(text);
    return new XMLSerializer().serializeToString(doc);
  }

  /*
   * The chart's own SVG (view.toSVG(); the SVG button adds the citation to it as text) drawn as vector PDF by svg2pdf.js
   * on jsPDF, one page sized to the chart, with the citation line printed under it and set as the PDF's
   * subject. SVG px become PDF pt one to one.
   */
  function toPdf(svgText, fileBase) {
    var citation = window.jb.data.citation || '';
    var svg = new DOMParser().parseFromString(svgText, 'image/svg+xml').documentElement;
    if (svg.nodeName !== 'svg') return Promise.reject(new Error('the chart gave no SVG'));
    var w = parseFloat(svg.getAttribute('width')), h = parseFloat(svg.getAttribute('height'));
    var lines = new window.jspdf.jsPDF({ unit: 'pt' }).setFont('helvetica', 'normal').setFontSize(CITATION_PT)
      .splitTextToSize(citation, w);
    var pageW = w + 2 * MARGIN_PT, pageH = h + 2 * MARGIN_PT + (lines.length + 1) * CITATION_PT * 1.2;
    var doc = new window.jspdf.jsPDF({ unit: 'pt', orientation: pageW > pageH ? 'landscape' : 'portrait',
      format: [pageW, pageH], compress: true });
    doc.setDocumentProperties({ title: fileBase, subject: citation, keywords: 'joulebench',
      creator: 'joulebench leaderboard ' + (window.jb.data.version || '') + ' (jsPDF, svg2pdf.js)' });
    // svg2pdf measures text and reads styles from the live DOM: attach the copy off-screen while it runs.
    var holder = document.createElement('div');
    holder.className = 'pdf-scratch';
    var attached = holder.appendChild(document.importNode(svg, true));
    document.body.appendChild(holder);
    return doc.svg(attached, { x: MARGIN_PT, y: MARGIN_PT, width: w, height: h }).then(function () {
      doc.setFont('helvetica', 'normal');
      doc.setFontSize(CITATION_PT);
      doc.setTextColor(60);
      doc.text(lines, MARGIN_PT, MARGIN_PT + h + 1.5 * CITATION_PT);
      return doc.output('blob');
    }).finally(function () { holder.remove(); });
  }

  document.addEventListener('click', function (e) {
    var b = e.target.closest ? e.target.closest('button[data-export]') : null;
    if (b) exportChart(b.dataset.chart, b.dataset.export);
  });

  window.jbCharts = { show: show, showEmpty: showEmpty, registry: registry, exportChart: exportChart, toPdf: toPdf, withCitation: withCitation };
})();
