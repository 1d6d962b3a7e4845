/* Vega-Lite charts with exports. Expressions run through vega-interpreter (no eval: the CSP forbids it). */
(function () {
  'use strict';
  var registry = {};

  function show(id, spec, csv, fileBase) {
    var target = document.getElementById(id);
    spec.$schema = 'https://vega.github.io/schema/vega-lite/v5.json';
    spec.width = spec.width || 760;
    spec.height = spec.height || 380;
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
      c.view.toSVG().then(function (svg) {
        window.jb.download(svg, c.fileBase + '.svg', 'image/svg+xml');
      });
    }
  }

  document.addEventListener('click', function (e) {
    var b = e.target.closest ? e.target.closest('button[data-export]') : null;
    if (b) exportChart(b.dataset.chart, b.dataset.export);
  });

  window.jbCharts = { show: show, registry: registry, exportChart: exportChart };
})();
