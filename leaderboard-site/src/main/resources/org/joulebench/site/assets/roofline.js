/* Roofline: throughput against arithmetic intensity under the system's declared peaks and its measured roofs. */
(function () {
  'use strict';
  var jb = window.jb, systems = jb.data.systems || [], $ = function (id) { return document.getElementById(id); };
  var sel = $('r-system');
  var hashId = decodeURIComponent(location.hash.replace(/^#/, ''));
  var start = 0;
  systems.forEach(function (s, i) {
    var o = jb.el('option', s.name + ' (' + s.submitter + ')'); o.value = String(i); sel.appendChild(o);
    if (s.id === hashId) start = i;
  });
  sel.value = String(start);

  var latest = 0;

  /* Loads the chosen system's own data file (its roofs and rows), then draws. */
  function choose() {
    var listed = systems[Number(sel.value)], mine = ++latest;
    if (!listed) return;
    location.replace('#' + listed.id);
    document.getElementById('roofline-chart').dataset.rendered = '0';
    jb.load(listed.file).then(function (part) {
      if (mine === latest) draw(part.systems[0], part.rows);
    }, function (err) {
      window.jbCharts.showEmpty('roofline-chart', 'The data of ' + listed.name + ' could not be loaded: ' +
        err.message, 'roofline-' + listed.id);
      console.error(String(err));
    });
  }

  function draw(s, rows) {
    var pts = rows.filter(function (r) {
      return r.arithmeticIntensity > 0 && r.operationsPerSecond > 0;
    });
    var seen = {};
    var vals = [];
    pts.forEach(function (r) {
      var k = [r.kernel, r.dtype, r.size, r.backend, r.implementation, r.runId].join('|');
      if (seen[k]) return;
      seen[k] = 1;
      // a vendor library's points are their own series beside ours
      var series = r.kernel + ' ' + r.dtype + (r.implementationKind === 'VENDOR_LIBRARY' ? ' (' + r.implementation + ')' : '');
      vals.push({ ai: r.arithmeticIntensity, gops: r.operationsPerSecond / 1e9, series: series, size: r.size });
    });
    var ais = vals.map(function (v) { return v.ai; });
    var lo = Math.min.apply(null, ais.concat([0.05])) / 2, hi = Math.max.apply(null, ais.concat([100])) * 2;
    var roofs = [];
    var bw = s.peakBytesPerSecond;
    Object.keys(s.peakFlopsByDtype || {}).forEach(function (dt) {
      var peak = s.peakFlopsByDtype[dt];
      for (var j = 0; j <= 40; j++) {
        var ai = lo * Math.pow(hi / lo, j / 40);
        var y = bw ? Math.min(peak, ai * bw) : peak;
        roofs.push({ ai: ai, gops: y / 1e9, series: 'roof ' + dt + ' (datasheet)' });
      }
    });
    var declared = roofs.length > 0;
    // roofs measured on the machine (./joulebench calibrate): fp32 FMA peak and triad bandwidth
    var m = s.measuredRoofs;
    if (m && m.peakFlopsPerSecond > 0 && m.bytesPerSecond > 0) {
      for (var k = 0; k <= 40; k++) {
        var ai2 = lo * Math.pow(hi / lo, k / 40);
        roofs.push({ ai: ai2, gops: Math.min(m.peakFlopsPerSecond, ai2 * m.bytesPerSecond) / 1e9,
          series: 'roof fp32 (measured)' });
      }
      // the fastest point of the bandwidth curve: the roof for data that stay in a cache (cache-aware roofline)
      var cacheBw = (m.bandwidthCurve || []).reduce(function (best, p) {
        return p.triadBytesPerSecond > best ? p.triadBytesPerSecond : best; }, 0);
      if (cacheBw > m.bytesPerSecond) {
        for (var q = 0; q <= 40; q++) {
          var ai3 = lo * Math.pow(hi / lo, q / 40);
          roofs.push({ ai: ai3, gops: Math.min(m.peakFlopsPerSecond, ai3 * cacheBw) / 1e9,
            series: 'roof fp32, data in cache (measured)' });
        }
      }
      if (m.vendorGemmFlopsPerSecond > 0) {
        roofs.push({ ai: lo, gops: m.vendorGemmFlopsPerSecond / 1e9, series: 'vendor sgemm (measured)' });
        roofs.push({ ai: hi, gops: m.vendorGemmFlopsPerSecond / 1e9, series: 'vendor sgemm (measured)' });
      }
    }
    $('r-note').textContent = vals.length + ' results with an arithmetic intensity; ' +
      (declared ? 'roofs from the declared datasheet peaks' : 'this system declared no datasheet peaks') +
      (m ? '; measured roofs (' + m.mode + ' calibration of ' + m.measuredAt + '): fp32 FMA peak ' +
        jb.fmt(m.peakFlopsPerSecond / 1e9) + ' GFLOP/s, triad ' + jb.fmt(m.bytesPerSecond / 1e9) + ' GB/s' +
        (cacheBwNote(m)) :
        '; no measured roofs for this system');
    var x = { field: 'ai', type: 'quantitative', scale: { type: 'log' }, title: 'arithmetic intensity (op/byte)' };
    var y = { field: 'gops', type: 'quantitative', scale: { type: 'log' }, title: 'GOP/s (GFLOP/s for float kernels)' };
    var c = { field: 'series', type: 'nominal', title: null };
    var estimated = pts.some(function (r) { return r.tierClass === 'estimated'; });
    var spec = {
      title: { text: 'Roofline of ' + s.name, subtitle: 'throughput measured by the run; roofs ' +
        (declared && m ? 'declared (datasheet) and measured on the machine' : m ? 'measured on the machine' :
          'declared (datasheet), not measured') + (estimated ? '; this system\'s energy figures are estimates' : '') },
      layer: [
      { name: 'roof', data: { values: roofs }, mark: 'line', encoding: { x: x, y: y, color: c } },
      { name: 'results', data: { values: vals }, mark: { type: 'point', filled: true, size: 60 },
        encoding: { x: x, y: y, color: c } }
    ] };
    var recs = vals.map(function (v) { return [v.series, v.size, v.ai, v.gops]; })
      .concat(roofs.map(function (v) { return [v.series, '', v.ai, v.gops]; }));
    window.jbCharts.show('roofline-chart', spec,
      { header: ['series', 'size', 'ops_per_byte', 'gops_per_s'], records: recs }, 'roofline-' + s.id,
      'No results with an arithmetic intensity and no declared roofs for this system.');
  }
  function cacheBwNote(m) {
    var c = m.bandwidthCurve || [];
    if (!c.length) return '';
    var best = c.reduce(function (b, p) { return p.triadBytesPerSecond > b.triadBytesPerSecond ? p : b; });
    return ' (' + jb.fmt(best.triadBytesPerSecond / 1e9) + ' GB/s with ' +
      jb.fmt(best.workingSetBytes / 1048576) + ' MiB in cache)';
  }
  sel.addEventListener('change', choose);
  choose();
})();
