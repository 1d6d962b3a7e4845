/* History: best figure per system against announcement date, log axis, fitted trend, frontier, datasheets. */
(function () {
  'use strict';
  var jb = window.jb, H = window.JB_HISTORY || { series: {}, reference: { points: [], fits: {} } };
  var $ = function (id) { return document.getElementById(id); };
  var keys = Object.keys(H.series);

  function tierClass() {
    var c = document.querySelector('input[name=tierclass]:checked');
    return c ? c.value : 'measured';
  }

  var kernels = jb.uniq(keys.map(function (k) { return k.split('|')[0]; }));
  jb.fillSelect($('h-kernel'), kernels, false, kernels.indexOf('gemm') >= 0 ? 'gemm' : kernels[0]);
  // No measured series at all (a fresh machine without energy counters): open on the estimates.
  if (keys.length && !keys.some(function (k) { return k.split('|')[2] === 'measured'; })) {
    document.querySelector('input[name=tierclass][value=estimated]').checked = true;
  }

  function refreshDtypes() {
    var k = $('h-kernel').value, prev = $('h-dtype').value;
    var d = jb.uniq(keys.filter(function (x) { return x.split('|')[0] === k; }).map(function (x) {
      return x.split('|')[1];
    }));
    jb.fillSelect($('h-dtype'), d, false, d.indexOf(prev) >= 0 ? prev : (d.indexOf('fp32') >= 0 ? 'fp32' : d[0]));
  }

  // years on the axis ("2019 2020 ..."), not month names without a year
  var YEARS = { format: '%Y', tickCount: { interval: 'year', step: 1 }, labelOverlap: true };

  function fitText(fit) {
    if (!fit) return 'too few systems for a trend';
    var se = isFinite(fit.doublingYearsStandardError) ? ' ± ' + jb.fmt(fit.doublingYearsStandardError) : '';
    return (fit.doublingYears >= 0 ? 'doubling every ' : 'halving every ') + jb.fmt(Math.abs(fit.doublingYears)) +
      se + ' years (least squares on ln, n = ' + fit.points + ', R² = ' + jb.fmt(fit.rSquared) + ')';
  }

  function draw() {
    var key = $('h-kernel').value + '|' + $('h-dtype').value + '|' + tierClass();
    var s = H.series[key];
    var base = 'history-' + key.replace(/\|/g, '-');
    $('h-pdf').href = 'figures/' + base.toLowerCase().replace(/[^a-z0-9]+/g, '-') + '-single.pdf';
    $('h-pdf').hidden = !s; // no build-time figure without a series
    // the caption the figure files carry, word for word (statistics, n, dates, what was left out, the snapshot)
    $('h-caption').textContent = (H.captions && H.captions[key]) || '';
    if (!s) {
      $('h-fit').textContent = 'No ' + tierClass() + ' results with an announcement date for this kernel and dtype.';
      window.jbCharts.showEmpty('history-chart', 'No results to chart: ' + $('h-fit').textContent, base);
      return;
    }
    // which points the fit used: one per system (its best result), at its chip's announcement date
    var names = H.systems || {};
    var used = s.fit ? '; fitted on ' + s.points.map(function (p) {
      return names[p.system].name + ' (' + p.date + ')';
    }).join(', ') : '';
    $('h-fit').textContent = s.kernel + ' ' + s.dtype + ' (' + s.tierClass + '): ' + fitText(s.fit) + used;
    var estimated = s.tierClass === 'estimated';
    var pts = s.points.map(function (p) {
      var sys = names[p.system];
      return { date: p.date, value: p.efficiency, system: sys.name, submitter: sys.submitter, domain: p.domain,
        tier: p.tier, implementation: p.implementation, scope: p.scope,
        series: estimated ? 'systems (estimate, not measured)' : 'systems (measured)' };
    });
    var trend = s.trend.map(function (p) { return { date: p.date, value: p.efficiency, series: 'trend (fit)' }; });
    var front = s.frontier.map(function (p) { return { date: p.date, value: p.efficiency, series: 'best so far' }; });
    var ds = s.datasheet.map(function (p) {
      return { date: p.date, value: p.efficiency, system: p.label, confidence: p.confidence,
        series: 'datasheet peak/TDP (not measured)' };
    });
    var x = { field: 'date', type: 'temporal', title: 'chip announcement', scale: { padding: 16 }, axis: YEARS };
    var y = { field: 'value', type: 'quantitative', scale: { type: 'log', padding: 12 }, title: s.unit };
    var color = { field: 'series', type: 'nominal', title: null };
    var spec = {
      // the tier class is in the chart itself: an exported SVG/PDF loses the text around it
      title: { text: s.kernel + ' ' + s.dtype + ': ' + (estimated ? 'ESTIMATED figures (models, not measurements)'
        : 'measured figures (tiers A/B/C)'), subtitle: 'best figure per system against chip announcement' },
      layer: [
        { name: 'trend', data: { values: trend }, mark: { type: 'line', strokeDash: [6, 4] },
          encoding: { x: x, y: y, color: color } },
        { name: 'frontier', data: { values: front }, mark: { type: 'line', interpolate: 'step-after' },
          encoding: { x: x, y: y, color: color } },
        { name: 'datasheet', data: { values: ds }, mark: { type: 'point', shape: 'diamond', filled: false },
          encoding: { x: x, y: y, color: color } },
        { name: 'points', data: { values: pts }, mark: { type: 'point', filled: true, size: 50 },
          encoding: { x: x, y: y, color: color } }
      ]
    };
    var header = ['series', 'label', 'submitter', 'date', 'value', 'unit', 'domain', 'tier_or_confidence',
      'implementation', 'scope'];
    var recs = pts.map(function (p) {
      return [p.series, p.system, p.submitter, p.date, p.value, s.unit, p.domain, p.tier, p.implementation, p.scope];
    })
      .concat(front.concat(trend).map(function (p) { return [p.series, '', '', p.date, p.value, s.unit, '', '', '', '']; }))
      .concat(ds.map(function (p) { return [p.series, p.system, '', p.date, p.value, s.unit, '', p.confidence, '', '']; }));
    window.jbCharts.show('history-chart', spec, { header: header, records: recs }, base);
  }

  function drawReference() {
    $('ref-caption').textContent = H.referenceCaption || '';
    var spans = document.querySelector('#ref-spans tbody');
    (H.reference.spans || []).forEach(function (c) {
      var tr = jb.el('tr');
      tr.appendChild(jb.el('td', c.series + ' (' + c.unit + ')'));
      tr.appendChild(jb.el('td', c.first + ', ' + c.firstDate + ' (' + c.firstConfidence + ')'));
      tr.appendChild(jb.el('td', c.last + ', ' + c.lastDate + ' (' + c.lastConfidence + ')'));
      tr.appendChild(jb.el('td', jb.fmt(c.factor) + '×', 'num'));
      spans.appendChild(tr);
    });
    var tbody = document.querySelector('#ref-fits tbody');
    Object.keys(H.reference.fits).forEach(function (name) {
      var f = H.reference.fits[name];
      if (!f) return;
      var tr = jb.el('tr');
      tr.appendChild(jb.el('td', name));
      tr.appendChild(jb.el('td', jb.fmt(f.doublingYears), 'num'));
      tr.appendChild(jb.el('td', jb.fmt(f.doublingYearsStandardError), 'num'));
      tr.appendChild(jb.el('td', f.points, 'num'));
      tbody.appendChild(tr);
    });
    var tr = jb.el('tr');
    tr.appendChild(jb.el('td', "Koomey's law (1946–2009, published)"));
    tr.appendChild(jb.el('td', '1.57', 'num'));
    tr.appendChild(jb.el('td', '–', 'num'));
    tr.appendChild(jb.el('td', '–', 'num'));
    tbody.appendChild(tr);
    var vals = H.reference.points.map(function (p) {
      return { date: p.date, value: p.relative, series: p.series, label: p.label,
        confidence: p.confidence === 'low' ? 'low confidence' : 'medium/high or measured' };
    });
    var x = { field: 'date', type: 'temporal', title: 'year', scale: { padding: 16 }, axis: YEARS };
    var y = { field: 'value', type: 'quantitative', scale: { type: 'log', padding: 12 },
      title: 'efficiency relative to first point' };
    var spec = {
      title: { text: 'Efficiency growth against other histories',
        subtitle: 'each curve relative to its first point; reference rows are context, not joulebench measurements' },
      data: { values: vals },
      layer: [
        { name: 'refline', mark: 'line', encoding: { x: x, y: y, color: { field: 'series', type: 'nominal', title: null } } },
        { name: 'refpoint', mark: { type: 'point' }, encoding: { x: x, y: y,
          color: { field: 'series', type: 'nominal', title: null },
          shape: { field: 'confidence', type: 'nominal', title: 'source confidence' } } }
      ]
    };
    var recs = H.reference.points.map(function (p) {
      return [p.series, p.label, p.date, p.relative, p.confidence, p.source];
    });
    window.jbCharts.show('reference-chart', spec,
      { header: ['series', 'label', 'date', 'relative_to_first', 'confidence', 'source'], records: recs }, 'reference');
  }

  refreshDtypes();
  $('h-kernel').addEventListener('change', function () { refreshDtypes(); draw(); });
  $('h-dtype').addEventListener('change', draw);
  document.querySelectorAll('input[name=tierclass]').forEach(function (r) { r.addEventListener('change', draw); });
  draw();
  drawReference();
})();
