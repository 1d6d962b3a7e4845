/*
 * Compare two to four systems: best figure per kernel/dtype/size/implementation/scope/domain, ratios to the first
 * system. Implementations (ours, a vendor library) and scopes each get their own row: never mixed.
 */
(function () {
  'use strict';
  var jb = window.jb, el = jb.el, systems = jb.data.systems || [];
  var sels = Array.prototype.slice.call(document.querySelectorAll('.cmp-sel'));
  var byId = {};
  systems.forEach(function (s, i) { byId[s.id] = i; });

  function label(s) { return s.name + ' (' + s.submitter + ')' + (s.local ? ' [local, unchecked]' : ''); }

  var fromHash = decodeURIComponent(location.hash.replace(/^#/, '')).split(',').filter(function (id) {
    return id in byId;
  });
  sels.forEach(function (sel, n) {
    var none = el('option', n < 2 ? 'choose a system' : '(none)'); none.value = ''; sel.appendChild(none);
    var frag = document.createDocumentFragment();
    systems.forEach(function (s, i) { var o = el('option', label(s)); o.value = String(i); frag.appendChild(o); });
    sel.appendChild(frag);
    if (fromHash[n] !== undefined) sel.value = String(byId[fromHash[n]]);
    else if (fromHash.length === 0 && n < 2 && systems.length > n) sel.value = String(n);
  });

  function tierClass() { return document.querySelector('input[name=tierclass]:checked').value; }

  function chosenSystems() {
    return sels.map(function (s) { return s.value; }).filter(function (v) { return v !== ''; })
      .map(Number).filter(function (v, i, a) { return a.indexOf(v) === i; });
  }

  /* The chosen systems' own data files, in the order chosen (each loaded once). */
  function loadChosen(chosen) {
    return Promise.all(chosen.map(function (i) { return jb.load(systems[i].file); }));
  }

  // Nothing measured for the chosen systems (e.g. only model estimates committed): open on the estimates rather
  // than an empty comparison; the two are still never mixed.
  function initTierClass(parts) {
    var has = function (tc) {
      return parts.some(function (p) { return p.rows.some(function (r) { return r.tierClass === tc; }); });
    };
    if (!has('measured') && has('estimated')) {
      document.querySelector('input[name=tierclass][value=estimated]').checked = true;
    }
  }

  var latest = 0;

  function update() {
    var chosen = chosenSystems(), mine = ++latest;
    location.replace('#' + chosen.map(function (i) { return systems[i].id; }).join(','));
    document.getElementById('cmp-chart').dataset.rendered = '0';
    return loadChosen(chosen).then(function (parts) { if (mine === latest) draw(chosen, parts); }, function (err) {
      window.jbCharts.showEmpty('cmp-chart', 'The chosen systems\' data could not be loaded: ' + err.message, 'compare');
      console.error(String(err));
    });
  }

  function draw(chosen, parts) {
    var tc = tierClass(), best = {}, keys = [];
    parts.forEach(function (part, pos) { part.rows.forEach(function (r) {
      if (r.tierClass !== tc) return;
      var key = [r.kernel, r.dtype, r.size, r.implementation + ' (' + r.implementationLabel + ')', r.scope, r.domain]
        .join(' · ');
      if (!best[key]) { best[key] = { unit: r.efficiencyUnit, v: [] }; keys.push(key); }
      if (!best[key].v[pos] || r.efficiency > best[key].v[pos].efficiency) best[key].v[pos] = r;
    }); });
    keys.sort();
    var thead = document.querySelector('#cmp thead'), tbody = document.querySelector('#cmp tbody');
    while (thead.firstChild) thead.removeChild(thead.firstChild);
    while (tbody.firstChild) tbody.removeChild(tbody.firstChild);
    var hr = el('tr');
    hr.appendChild(el('th', 'kernel · dtype · size · implementation · scope · domain'));
    chosen.forEach(function (i, n) {
      var th = el('th', label(systems[i]), 'num sys-col'); th.dataset.system = systems[i].id; hr.appendChild(th);
      if (n > 0) hr.appendChild(el('th', '× vs first', 'num'));
    });
    thead.appendChild(hr);
    var chartVals = [], recs = [];
    keys.forEach(function (key) {
      var b = best[key], tr = el('tr');
      tr.appendChild(el('td', key));
      var first = b.v[0];
      chosen.forEach(function (i, n) {
        var r = b.v[n];
        tr.appendChild(el('td', r ? jb.fmt(r.efficiency) + ' ' + b.unit : '–', 'num'));
        if (n > 0) tr.appendChild(el('td', r && first ? jb.fmt(r.efficiency / first.efficiency) + '×' : '–', 'num'));
        if (r) {
          chartVals.push({ result: key, system: label(systems[i]) + (tc === 'estimated' ? ' (estimate, not measured)' : ''),
            efficiency: r.efficiency });
          recs.push([key, systems[i].name, systems[i].submitter, r.efficiency, b.unit,
            first ? r.efficiency / first.efficiency : null]);
        }
      });
      tbody.appendChild(tr);
    });
    var spec = {
      // the tier class is in the chart itself: an exported SVG/PDF loses the text around it
      title: { text: 'Best efficiency per result: ' + (tc === 'estimated'
        ? 'ESTIMATED figures (models, not measurements)' : 'measured figures (tiers A/B/C)') },
      data: { values: chartVals }, height: 300, mark: 'bar',
      encoding: {
        x: { field: 'result', type: 'nominal', title: null },
        xOffset: { field: 'system', type: 'nominal' },
        // side by side, not stacked: a stack starts at 0, which a log scale cannot show (every bar came out empty)
        y: { field: 'efficiency', type: 'quantitative', scale: { type: 'log' }, stack: null, title: 'units per joule' },
        color: { field: 'system', type: 'nominal', title: null }
      }
    };
    window.jbCharts.show('cmp-chart', spec,
      { header: ['result', 'system', 'submitter', 'efficiency', 'unit', 'ratio_to_first'], records: recs }, 'compare',
      'No ' + tc + ' results for the chosen systems' + (chosen.length ? '.' : ': choose a system.'));
  }

  sels.forEach(function (s) { s.addEventListener('change', update); });
  document.querySelectorAll('input[name=tierclass]').forEach(function (r) { r.addEventListener('change', update); });
  loadChosen(chosenSystems()).then(initTierClass, function () {}).then(update);
})();
