/*
 * Leaderboard: one ranking per kernel and dtype; measured (A/B/C) and estimated never ranked together, nor energy
 * scopes (DEVICE by default; the same result's HOST/NODE figures are shown beside, never ranked with it).
 */
(function () {
  'use strict';
  var jb = window.jb, el = jb.el, fmt = jb.fmt;
  // the summary names every kernel/dtype board; the chosen board's rows are loaded when it is chosen
  var boards = jb.data.boards || [];
  var rows = [];
  var PAGE = 100;
  var $ = function (id) { return document.getElementById(id); };
  var state = { sortKey: 'rank', sortDir: 1, page: 0 };
  var view = [];

  var getters = {
    rank: function (r) { return r.rank; },
    system: function (r) { return r.sys.name; },
    submitter: function (r) { return r.sys.submitter; },
    vendor: function (r) { return r.sys.vendor; },
    kind: function (r) { return r.sys.kind; },
    backend: function (r) { return r.backend; },
    implementation: function (r) { return r.implementation; },
    size: function (r) { return r.size; },
    scope: function (r) { return r.scope; },
    domain: function (r) { return r.domain; },
    efficiency: function (r) { return r.efficiency; },
    other: function (r) { return r.otherScopes; },
    pj: function (r) { return r.picojoulesPerUnit; },
    throughput: function (r) { return r.throughput; },
    power: function (r) { return r.averagePowerWatts; },
    roof: function (r) { return r.rooflineFraction; },
    tier: function (r) { return r.tier; },
    verified: function (r) { return r.verified ? 1 : 0; },
    date: function (r) { return r.date; }
  };

  function tierClass() { return $('tc-estimated').checked ? 'estimated' : 'measured'; }

  function boardOf(k, d) {
    for (var i = 0; i < boards.length; i++) if (boards[i].kernel === k && boards[i].dtype === d) return boards[i];
    return null;
  }

  /* Adds up a board count per value of key ('kernel' or 'dtype') over the boards that pass keep. */
  function totals(count, key, keep) {
    var c = {};
    boards.forEach(function (b) { if (!keep || keep(b)) c[b[key]] = (c[b[key]] || 0) + b[count]; });
    return c;
  }

  function mostCommon(values) {
    var c = {}, best = null;
    values.forEach(function (v) { if (v !== null && v !== undefined) c[v] = (c[v] || 0) + 1; });
    Object.keys(c).sort().forEach(function (v) { if (best === null || c[v] > c[best]) best = v; });
    return best;
  }

  function largest(c) {
    var best = null;
    Object.keys(c).sort().forEach(function (v) { if (c[v] > 0 && (best === null || c[v] > c[best])) best = v; });
    return best;
  }

  var hasLocal = boards.some(function (b) { return b.local > 0; });

  /* Chooses the opening kernel and dtype from the summary alone, then loads that board. */
  function initSelects() {
    var kernels = jb.uniq(boards.map(function (b) { return b.kernel; }));
    var first = largest(totals('rows', 'kernel'));
    // A fresh local run: open where it is (gemm fp32 when it has that), in its tier class.
    if (hasLocal) {
      var lk = totals('local', 'kernel');
      first = lk.gemm > 0 ? 'gemm' : largest(lk);
    }
    jb.fillSelect($('f-kernel'), kernels, false, first);
    // With no measurements at all (e.g. a fresh run on a machine without energy counters), open on the
    // estimates rather than an empty ranking; the two are still never mixed.
    var anyMeasured = boards.some(function (b) { return b.measured > 0; });
    if (!anyMeasured && boards.length) $('tc-estimated').checked = true;
    refreshDtypes(hasLocal);
    return loadBoard().then(function () {
      if (hasLocal) {
        var here = rows.filter(function (r) { return r.sys.local; });
        if (here.length && !here.some(function (r) { return r.tierClass === tierClass(); })) {
          $(here.some(function (r) { return r.tierClass === 'measured'; }) ? 'tc-measured' : 'tc-estimated').checked = true;
        }
      }
      defaultSlice();
    });
  }

  /*
   * One ranking, one energy scope, one domain and one size: the scope defaults to DEVICE (the chip the kernel ran
   * on) where the slice has it, size and domain to the most common value for the kernel, dtype, tier class and
   * scope (the local run's, when there is one); "any" stays selectable for size and domain.
   */
  function defaultSlice() {
    var k = $('f-kernel').value, d = $('f-dtype').value, tc = tierClass();
    var sub = rows.filter(function (r) { return r.kernel === k && r.dtype === d && r.tierClass === tc; });
    var local = sub.filter(function (r) { return r.sys.local; });
    var from = local.length ? local : sub;
    var scopes = from.map(function (r) { return r.scope; });
    var scope = scopes.indexOf('DEVICE') >= 0 ? 'DEVICE' : mostCommon(scopes);
    if (scope) $('f-scope').value = scope;
    from = from.filter(function (r) { return r.scope === $('f-scope').value; });
    $('f-size').value = mostCommon(from.map(function (r) { return r.size; })) || '';
    $('f-domain').value = mostCommon(from.map(function (r) { return r.domain; })) || '';
  }

  function refreshDtypes(preferLocal) {
    var k = $('f-kernel').value;
    var prevDtype = $('f-dtype').value;
    var forKernel = boards.filter(function (b) { return b.kernel === k; });
    var dtypes = jb.uniq(forKernel.map(function (b) { return b.dtype; }));
    var localDtypes = preferLocal ? jb.uniq(forKernel.filter(function (b) { return b.local > 0; })
      .map(function (b) { return b.dtype; })) : [];
    var pool = localDtypes.length ? localDtypes : dtypes;
    var preferred = pool.indexOf('fp32') >= 0 ? 'fp32' : pool[0];
    jb.fillSelect($('f-dtype'), dtypes, false, dtypes.indexOf(prevDtype) >= 0 ? prevDtype : preferred);
  }

  /* Loads the chosen kernel/dtype's board (its own data file) and fills the filters from its rows. */
  function loadBoard() {
    var b = boardOf($('f-kernel').value, $('f-dtype').value);
    document.documentElement.setAttribute('data-ready', '0');
    var loading = b ? jb.load(b.file) : Promise.resolve({ rows: [] });
    return loading.then(function (part) {
      rows = part.rows;
      jb.rows = rows;
      refreshOptions();
    });
  }

  function refreshOptions() {
    var opts = {
      'f-tier': rows.map(function (r) { return r.tier; }),
      'f-vendor': rows.map(function (r) { return r.sys.vendor; }),
      'f-kind': rows.map(function (r) { return r.sys.kind; }),
      'f-backend': rows.map(function (r) { return r.backend; }),
      'f-impl': rows.map(function (r) { return r.implementation; }),
      'f-size': rows.map(function (r) { return r.size; }),
      'f-domain': rows.map(function (r) { return r.domain; })
    };
    Object.keys(opts).forEach(function (id) {
      var prev = $(id).value;
      var vals = jb.uniq(opts[id]);
      jb.fillSelect($(id), vals, true, vals.indexOf(prev) >= 0 ? prev : '');
    });
    // scopes are never mixed: no "any"
    var prevScope = $('f-scope').value;
    var scopes = jb.uniq(rows.map(function (r) { return r.scope; }));
    if (!scopes.length) scopes = ['DEVICE'];
    jb.fillSelect($('f-scope'), scopes, false,
      scopes.indexOf(prevScope) >= 0 ? prevScope : scopes.indexOf('DEVICE') >= 0 ? 'DEVICE' : scopes[0]);
  }

  function compute() {
    var k = $('f-kernel').value, d = $('f-dtype').value, tc = tierClass();
    var f = {
      tier: $('f-tier').value, vendor: $('f-vendor').value, kind: $('f-kind').value,
      backend: $('f-backend').value, size: $('f-size').value, domain: $('f-domain').value,
      impl: $('f-impl').value, scope: $('f-scope').value
    };
    var local = $('f-local').checked;
    var text = $('f-text').value.trim().toLowerCase();
    view = rows.filter(function (r) {
      return r.kernel === k && r.dtype === d && r.tierClass === tc &&
        (!f.tier || r.tier === f.tier) && (!f.vendor || r.sys.vendor === f.vendor) &&
        (!f.kind || r.sys.kind === f.kind) && (!f.backend || r.backend === f.backend) &&
        (!f.size || r.size === f.size) && (!f.domain || r.domain === f.domain) &&
        (!f.impl || r.implementation === f.impl) && r.scope === f.scope &&
        (local || !r.sys.local) &&
        (!text || (String(r.sys.name) + ' ' + String(r.sys.submitter)).toLowerCase().indexOf(text) >= 0);
    });
    view.sort(function (a, b) { return b.efficiency - a.efficiency; });
    view.forEach(function (r, i) { r.rank = i + 1; });
    var g = getters[state.sortKey], dir = state.sortDir;
    if (state.sortKey !== 'rank') {
      view.sort(function (a, b) {
        var x = g(a), y = g(b);
        if (x === y) return a.rank - b.rank;
        if (x === null || x === undefined) return 1;
        if (y === null || y === undefined) return -1;
        return (x < y ? -1 : 1) * dir;
      });
    } else if (dir < 0) {
      view.reverse();
    }
  }

  /*
   * What the record says of the implementation: its kind (PORTABLE or VENDOR_LIBRARY), its own line (library and
   * version where the backend knows them) and, for a runner's result (the external backend), the runner's name
   * and version.
   */
  function implementationDetail(r) {
    var parts = [r.implementationKind];
    if (r.implementationDescription) parts.push(r.implementationDescription);
    if (r.runner) parts.push('runner ' + r.runner);
    return parts.join(' · ');
  }

  function render() {
    var tbody = document.querySelector('#lb tbody');
    var frag = document.createDocumentFragment();
    var pages = Math.max(1, Math.ceil(view.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    view.slice(state.page * PAGE, (state.page + 1) * PAGE).forEach(function (r) {
      var tr = el('tr', null, r.tierClass + (r.sys.local ? ' local' : ''));
      tr.appendChild(el('td', r.rank, 'num'));
      var name = el('td');
      var a = el('a', r.sys.name); a.href = jb.systemHref(r.sys); name.appendChild(a);
      if (r.sys.local) name.appendChild(el('span', 'local, unchecked', 'badge local'));
      if (r.tierClass === 'estimated') name.appendChild(el('span', 'estimate', 'badge est'));
      tr.appendChild(name);
      tr.appendChild(el('td', r.sys.submitter, 'sec'));
      tr.appendChild(el('td', r.sys.vendor));
      tr.appendChild(el('td', r.sys.kind, 'sec'));
      tr.appendChild(el('td', r.backend, 'sec'));
      var impl = el('td', null, 'sec impl');
      impl.appendChild(el('span', r.implementation + ' (' + r.implementationLabel + ')', 'impl-name'));
      impl.appendChild(el('span', implementationDetail(r), 'impl-detail'));
      tr.appendChild(impl);
      tr.appendChild(el('td', r.size, r.customShape ? 'sec' : null));
      tr.appendChild(el('td', r.scope, 'sec'));
      tr.appendChild(el('td', r.domain));
      var eff = el('td', fmt(r.efficiency) + ' ' + r.efficiencyUnit, 'num');
      if (r.efficiencyError !== null) eff.title = '± ' + fmt(r.efficiencyError);
      tr.appendChild(eff);
      tr.appendChild(el('td', r.otherScopes || '–', 'sec'));
      tr.appendChild(el('td', fmt(r.picojoulesPerUnit), 'num'));
      tr.appendChild(el('td', r.throughput === null ? '–' : fmt(r.throughput) + ' ' + r.throughputUnit, 'num sec'));
      tr.appendChild(el('td', fmt(r.averagePowerWatts), 'num sec'));
      var roof = el('td', r.rooflineFraction === null || r.rooflineFraction === undefined ? '–' :
        fmt(r.rooflineFraction), 'num sec roof');
      if (r.rooflineRoof) roof.title = 'of this machine\'s measured ' + r.rooflineRoof.toLowerCase() + ' roof' +
        (r.rooflineBasis ? ': ' + r.rooflineBasis : '');
      tr.appendChild(roof);
      tr.appendChild(el('td', r.tier));
      tr.appendChild(el('td', r.verified ? 'yes' : 'no', 'sec'));
      tr.appendChild(el('td', r.date, 'sec'));
      frag.appendChild(tr);
    });
    while (tbody.firstChild) tbody.removeChild(tbody.firstChild);
    tbody.appendChild(frag);
    // the roof column only where some result was measured against its machine's calibration
    $('lb').classList.toggle('no-roof', !view.some(function (r) { return typeof r.rooflineFraction === 'number'; }));
    var unit = view.length ? view[0].efficiencyUnit : '';
    var other = tierClass() === 'measured' ? 'estimated' : 'measured';
    var otherCount = rows.filter(function (r) {
      return r.kernel === $('f-kernel').value && r.dtype === $('f-dtype').value && r.tierClass === other;
    }).length;
    var size = $('f-size').value, domain = $('f-domain').value, scope = $('f-scope').value;
    $('lb-summary').textContent = view.length + ' ' + tierClass() + (view.length === 1 ? ' result' : ' results') +
      ' for ' + $('f-kernel').value + ' ' + $('f-dtype').value +
      (size ? ' at size ' + size : ' at any size (sizes mixed)') +
      ', ' + scope + ' scope' +
      (domain ? ', energy domain ' + domain : ', any energy domain (domains mixed)') +
      (unit ? ', ranked by ' + unit : '') +
      (view.length === 0 && otherCount ? ' (' + otherCount + ' ' + other + ': switch the ranking to see them)' : '');
    $('pg-info').textContent = 'page ' + (state.page + 1) + ' of ' + pages;
    document.querySelectorAll('#lb th').forEach(function (th) {
      th.classList.remove('sorted-asc', 'sorted-desc');
      if (th.dataset.key === state.sortKey) th.classList.add(state.sortDir > 0 ? 'sorted-asc' : 'sorted-desc');
    });
  }

  function update() {
    compute();
    render();
    document.documentElement.setAttribute('data-ready', '1');
  }

  function failed(err) {
    $('lb-summary').textContent = 'The data of this board could not be loaded: ' + err.message;
    console.error(String(err));
  }

  function exportCsv() {
    var header = ['rank', 'system', 'submitter', 'vendor', 'kind', 'kernel', 'dtype', 'backend', 'implementation',
      'implementation_kind', 'device_kind', 'device_hardware_id', 'size', 'scope', 'scope_device', 'domain',
      'efficiency', 'efficiency_unit', 'other_scopes', 'pj_per_unit', 'throughput', 'throughput_unit', 'power_w',
      'roof_fraction', 'roof', 'tier', 'verified', 'local_unchecked', 'date', 'run_id', 'implementation_description',
      'runner'];
    var recs = view.map(function (r) {
      return [r.rank, r.sys.name, r.sys.submitter, r.sys.vendor, r.sys.kind, r.kernel, r.dtype, r.backend,
        r.implementation, r.implementationKind, r.deviceKind, r.deviceHardwareId, r.size, r.scope, r.scopeDevice,
        r.domain, r.efficiency, r.efficiencyUnit, r.otherScopes, r.picojoulesPerUnit, r.throughput, r.throughputUnit,
        r.averagePowerWatts, r.rooflineFraction, r.rooflineRoof, r.tier, r.verified, r.sys.local, r.date, r.runId,
        r.implementationDescription, r.runner];
    });
    jb.download(jb.toCsv(header, recs), 'leaderboard-' + $('f-kernel').value + '-' + $('f-dtype').value + '.csv',
      'text/csv');
  }

  $('f-kernel').addEventListener('change', function () {
    refreshDtypes(false);
    loadBoard().then(function () { defaultSlice(); state.page = 0; update(); }, failed);
  });
  $('f-dtype').addEventListener('change', function () {
    loadBoard().then(function () { defaultSlice(); state.page = 0; update(); }, failed);
  });
  ['tc-measured', 'tc-estimated'].forEach(function (id) {
    $(id).addEventListener('change', function () { defaultSlice(); state.page = 0; update(); });
  });
  $('f-scope').addEventListener('change', function () {
    // another scope ranks other domains: reopen on its most common one
    var k = $('f-kernel').value, d = $('f-dtype').value, tc = tierClass(), sc = $('f-scope').value;
    $('f-domain').value = mostCommon(rows.filter(function (r) {
      return r.kernel === k && r.dtype === d && r.tierClass === tc && r.scope === sc;
    }).map(function (r) { return r.domain; })) || '';
    state.page = 0; update();
  });
  ['f-tier', 'f-vendor', 'f-kind', 'f-backend', 'f-impl', 'f-size', 'f-domain', 'f-local'].forEach(function (id) {
    $(id).addEventListener('change', function () { state.page = 0; update(); });
  });
  $('f-text').addEventListener('input', function () { state.page = 0; update(); });
  $('filters').addEventListener('submit', function (e) { e.preventDefault(); });
  document.querySelectorAll('#lb th').forEach(function (th) {
    th.addEventListener('click', function () {
      var k = th.dataset.key;
      if (state.sortKey === k) state.sortDir = -state.sortDir;
      else { state.sortKey = k; state.sortDir = (k === 'efficiency' || k === 'throughput') ? -1 : 1; }
      update();
    });
  });
  $('pg-prev').addEventListener('click', function () { if (state.page > 0) { state.page--; render(); } });
  $('pg-next').addEventListener('click', function () { state.page++; render(); });
  $('lb-csv').addEventListener('click', exportCsv);
  initSelects().then(function () {
    update();
    window.jbReadyMs = performance.now();
  }, failed);
})();
