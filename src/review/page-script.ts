/**
 * The review page's script (plain ES2017, no dependency). It reads the changes from the JSON in
 * `#plan-data`, builds the action filter buttons, filters by action, by text (every word must occur in
 * the address or the diff) and by graph node, and draws the filtered list in chunks of `CHUNK` rows as
 * the end of the list scrolls into view, so a plan of thousands of changes opens and filters at once.
 * A diff is put in the page only when its row is expanded. Keys: `/` focuses the search, Escape clears
 * it; rows are buttons (Enter or Space toggles).
 */
export const PAGE_SCRIPT = String.raw`(function () {
  'use strict';
  var CHUNK = 200;
  var data = JSON.parse(document.getElementById('plan-data').textContent);
  var changes = data.changes;
  var list = document.getElementById('list');
  var search = document.getElementById('search');
  var status = document.getElementById('status');
  var filters = document.getElementById('filters');
  var nodeFilter = document.getElementById('node-filter');
  var selected = {};
  var node = -1;
  var expanded = {};
  var shown = [];
  var drawn = 0;
  var keys = null;
  var labels = {};
  data.actions.forEach(function (a) { labels[a[0]] = a; });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function searchKeys() {
    if (!keys) keys = changes.map(function (c) { return (c[0] + '\n' + c[7]).toLowerCase(); });
    return keys;
  }
  function hasAction(c, a) {
    return c[3] === a || (a === 'move' && (c[5] & 1) !== 0) || (a === 'import' && (c[5] & 2) !== 0);
  }

  var counts = {};
  changes.forEach(function (c) { data.actions.forEach(function (a) { if (hasAction(c, a[0])) counts[a[0]] = (counts[a[0]] || 0) + 1; }); });
  data.actions.forEach(function (a) {
    if (!counts[a[0]]) return;
    var b = el('button', 'chip act-' + a[0]);
    b.type = 'button';
    b.setAttribute('aria-pressed', 'false');
    b.dataset.action = a[0];
    b.appendChild(el('span', 'sym', a[2]));
    b.appendChild(document.createTextNode(' ' + a[1] + ' '));
    b.appendChild(el('span', 'n', String(counts[a[0]])));
    filters.appendChild(b);
  });
  filters.addEventListener('click', function (ev) {
    var b = ev.target.closest('button[data-action]');
    if (!b) return;
    var a = b.dataset.action;
    if (selected[a]) delete selected[a]; else selected[a] = true;
    b.setAttribute('aria-pressed', selected[a] ? 'true' : 'false');
    apply();
  });

  function apply() {
    var t0 = performance.now();
    var terms = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var acts = Object.keys(selected);
    var k = terms.length ? searchKeys() : null;
    shown = [];
    for (var i = 0; i < changes.length; i++) {
      var c = changes[i];
      if (node >= 0 && c[6] !== node) continue;
      if (acts.length) {
        var ok = false;
        for (var j = 0; j < acts.length; j++) if (hasAction(c, acts[j])) { ok = true; break; }
        if (!ok) continue;
      }
      if (k) {
        var m = true;
        for (var t = 0; t < terms.length; t++) if (k[i].indexOf(terms[t]) < 0) { m = false; break; }
        if (!m) continue;
      }
      shown.push(i);
    }
    list.textContent = '';
    drawn = 0;
    more();
    status.textContent = shown.length === changes.length ? 'Showing all ' + changes.length + ' changes.' : 'Showing ' + shown.length + ' of ' + changes.length + ' changes.';
    document.body.dataset.filterMs = (performance.now() - t0).toFixed(1);
  }

  var sentinel = el('div', 'more');
  var observer = 'IntersectionObserver' in window ? new IntersectionObserver(function (es) { if (es.some(function (e) { return e.isIntersecting; })) more(); }, { rootMargin: '600px' }) : null;

  function groupOf(c) { return c[1] + '\u0000' + c[2]; }
  function groupHeader(c) {
    var g = el('div', 'group');
    g.setAttribute('role', 'presentation');
    g.appendChild(el('span', 'mod', data.modules[c[1]] || 'root module'));
    g.appendChild(document.createTextNode(' '));
    g.appendChild(el('span', 'prov', data.providers[c[2]]));
    return g;
  }
  function more() {
    var frag = document.createDocumentFragment();
    var end = Math.min(shown.length, drawn + CHUNK);
    for (var n = drawn; n < end; n++) {
      var i = shown[n];
      if (n === 0 || groupOf(changes[shown[n - 1]]) !== groupOf(changes[i])) frag.appendChild(groupHeader(changes[i]));
      frag.appendChild(row(i));
    }
    drawn = end;
    if (sentinel.parentNode) sentinel.parentNode.removeChild(sentinel);
    list.appendChild(frag);
    if (drawn < shown.length) {
      sentinel.textContent = (shown.length - drawn) + ' more below…';
      list.appendChild(sentinel);
      if (observer) { observer.disconnect(); observer.observe(sentinel); }
    } else if (shown.length === 0) {
      list.appendChild(el('p', 'more', 'No change matches.'));
    }
  }
  function row(i) {
    var c = changes[i];
    var r = el('div', 'row act-' + c[3]);
    r.setAttribute('role', 'listitem');
    r.dataset.index = String(i);
    var b = el('button', 'toggle');
    b.type = 'button';
    b.id = 't-' + i;
    b.setAttribute('aria-controls', 'd-' + i);
    b.appendChild(el('span', 'sym', c[4] || labels[c[3]][2]));
    b.appendChild(el('span', 'addr', c[0]));
    var first = c[7].split('\n', 1)[0].replace(/^\s*# /, '');
    var at = first.lastIndexOf(c[0]);
    b.appendChild(el('span', 'what', at >= 0 ? (first.slice(0, at) + first.slice(at + c[0].length)).trim() : first));
    if (c[5] & 1) b.appendChild(el('span', 'badge', 'moved'));
    if (c[5] & 2) b.appendChild(el('span', 'badge', 'imported'));
    r.appendChild(b);
    setOpen(r, b, i, !!expanded[i]);
    return r;
  }
  var LINE = /^(\s*)(-\/\+|\+\/-|<=|\+|-|~)(\s)/;
  var CLASS = { '+': 'l-create', '-': 'l-delete', '~': 'l-update', '-/+': 'l-replace', '+/-': 'l-replace', '<=': 'l-read' };
  function diff(i) {
    var pre = el('pre', 'diff');
    pre.id = 'd-' + i;
    pre.setAttribute('aria-labelledby', 't-' + i);
    changes[i][7].split('\n').forEach(function (line, n) {
      if (n) pre.appendChild(document.createTextNode('\n'));
      var m = LINE.exec(line);
      var cls = m ? CLASS[m[2]] : /^\s*#/.test(line) ? 'l-comment' : '';
      var f = line.indexOf(' # forces replacement');
      var span = el('span', cls, f >= 0 ? line.slice(0, f) : line);
      pre.appendChild(span);
      if (f >= 0) pre.appendChild(el('span', 'forces', line.slice(f)));
    });
    return pre;
  }
  function setOpen(r, b, i, open) {
    b.setAttribute('aria-expanded', open ? 'true' : 'false');
    var old = r.querySelector('pre');
    if (open && !old) r.appendChild(diff(i));
    if (!open && old) r.removeChild(old);
    if (open) expanded[i] = true; else delete expanded[i];
  }
  list.addEventListener('click', function (ev) {
    var b = ev.target.closest('button.toggle');
    if (!b) return;
    var r = b.parentNode;
    setOpen(r, b, Number(r.dataset.index), b.getAttribute('aria-expanded') !== 'true');
  });
  document.getElementById('expand-all').addEventListener('click', function () {
    list.querySelectorAll('.row').forEach(function (r) { setOpen(r, r.firstChild, Number(r.dataset.index), true); });
  });
  document.getElementById('collapse-all').addEventListener('click', function () {
    expanded = {};
    list.querySelectorAll('.row').forEach(function (r) { setOpen(r, r.firstChild, Number(r.dataset.index), false); });
  });
  search.addEventListener('input', apply);
  search.addEventListener('keydown', function (ev) { if (ev.key === 'Escape') { search.value = ''; apply(); } });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === '/' && document.activeElement !== search && !ev.ctrlKey && !ev.metaKey && !ev.altKey) { ev.preventDefault(); search.focus(); }
  });

  function setNode(n) {
    node = n;
    document.querySelectorAll('#graph-box .node.selected').forEach(function (g) { g.classList.remove('selected'); });
    nodeFilter.textContent = '';
    nodeFilter.hidden = n < 0;
    if (n >= 0) {
      nodeFilter.appendChild(document.createTextNode('Only '));
      nodeFilter.appendChild(el('code', '', data.nodes[n]));
      var x = el('button', '', 'Show all');
      x.type = 'button';
      x.addEventListener('click', function () { setNode(-1); });
      nodeFilter.appendChild(x);
    }
    apply();
  }
  var box = document.getElementById('graph-box');
  if (box) {
    box.querySelectorAll('.node').forEach(function (g) {
      var n = data.nodes.indexOf(g.getAttribute('data-id'));
      if (n < 0) return;
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'button');
      var pick = function () { setNode(n); g.classList.add('selected'); document.getElementById('changes').scrollIntoView(); };
      g.addEventListener('click', pick);
      g.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); pick(); } });
    });
  }
  apply();
  document.body.dataset.ready = 'true';
})();`;
