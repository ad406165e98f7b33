// modsweep explorer: the Grids tab (issue 11). Reads results/grids/<id>/ through /api/grids, /api/grid-file and
// /api/grid-run (docs/grids.md); uses app.js's helpers (api, el, draw, clearChart, layout, follow).
'use strict';

const PHASES = ['confusion', 'memorization', 'grokking', 'comprehension'];
const PHASE_COLORS = ['#9aa1ad', '#DEA54B', '#A32015', '#0D2758'];
const LOG_KEYS = ['lr', 'weight_decay', 'init_scale'];
/** The one row of a diagram without a Y axis (Plotly drops an empty category). */
const NO_Y = '(all)';
const CURVE_NAMES = { test_acc: 'Test accuracy', train_acc: 'Train accuracy', test_loss: 'Test loss',
  train_loss: 'Train loss' };
const grids = { list: [], id: null, phases: null, seeds: null, critical: null, progress: null, axes: [], point: null,
  gen: 0 };

function gridFileUrl(id, name) {
  return '/api/grid-file?id=' + encodeURIComponent(id) + '&name=' + encodeURIComponent(name);
}

/** A grid's JSON file, or null when the reduce has not written it (yet). */
async function gridJson(id, name) {
  try {
    return await api(gridFileUrl(id, name));
  } catch (e) {
    if (e.status === 404) return null;
    throw e;
  }
}

const same = (a, b) => String(a) === String(b);
const byValue = (a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)));
const distinct = (values) => Array.from(new Set(values.map((v) => JSON.stringify(v)))).map((s) => JSON.parse(s)).sort(byValue);

// ---------------------------------------------------------------- loading

async function loadGrids(select) {
  const body = await api('/api/grids');
  grids.list = body.grids || [];
  const sel = $('grid-select');
  sel.replaceChildren(...grids.list.map((g) => el('option', { value: g.id, text: g.id + (g.runs ? ' (' + g.runs + ' runs)' : '') })));
  const target = select || (grids.list.some((g) => g.id === grids.id) ? grids.id : (grids.list[0] || {}).id);
  if (!target) {
    $('grid-info').textContent = 'No grids in this store yet: run modsweep sweep --grid ..., or train a small grid below.';
    clearChart('chart-grid-phases', 'No grid yet.');
    clearChart('chart-grid-delay', 'No grid yet.');
    document.body.dataset.gridLoaded = 'true';
    return;
  }
  sel.value = target;
  await selectGrid(target);
}

async function selectGrid(id) {
  const gen = ++grids.gen;
  document.body.dataset.gridLoaded = 'false';
  grids.id = id;
  grids.point = null;
  $('grid-point').hidden = true;
  const [phases, seeds, critical, progress] = await Promise.all(['phases.json', 'seeds.json', 'critical.json',
    'progress.json'].map((n) => gridJson(id, n)));
  if (gen !== grids.gen) return;
  Object.assign(grids, { phases, seeds, critical, progress });
  const meta = grids.list.find((g) => g.id === id) || {};
  gridImages(meta);
  if (!phases) {
    $('grid-info').textContent = 'Grid ' + id + ': no phase diagram yet (phases.json is written by the sweep\'s reduce).';
    ['grid-x', 'grid-y'].forEach((s) => $(s).replaceChildren());
    $('grid-fixed').replaceChildren();
    clearChart('chart-grid-phases', 'No phases.json for grid ' + id + '.');
    clearChart('chart-grid-delay', 'No phases.json for grid ' + id + '.');
    document.body.dataset.gridLoaded = 'true';
    return;
  }
  const points = phases.points || [];
  // the axes a diagram can use: every swept key but seed, plus p and config where the grid has several
  grids.axes = Object.keys(phases.axes || {}).filter((k) => k !== 'seed');
  for (const k of ['config', 'p']) if (distinct(points.map((pt) => pt[k])).length > 1) grids.axes.unshift(k);
  const th = phases.thresholds || {};
  $('grid-info').textContent = 'Grid ' + id + ': ' + (phases.runs || []).length + ' runs over ' +
    Object.entries(phases.axes || {}).map(([k, v]) => k + ' (' + v.length + ')').join(' × ') +
    (meta.epochs ? ', ' + meta.epochs + ' epochs' : '') + '; thresholds: accuracy ' + th.accuracy +
    ', grokking delay ' + th.grokking_delay + ' epochs' +
    ((phases.missing || []).length ? '; ' + phases.missing.length + ' run(s) not committed' : '') + '.';
  fillAxisSelect('grid-x', grids.axes, grids.axes[grids.axes.length > 1 ? grids.axes.length - 2 : 0]);
  fillAxisSelect('grid-y', ['(none)'].concat(grids.axes), grids.axes.length > 1 ? grids.axes[grids.axes.length - 1] : '(none)');
  await redrawGrid();
  if (gen === grids.gen) document.body.dataset.gridLoaded = 'true';
}

function fillAxisSelect(id, keys, value) {
  $(id).replaceChildren(...keys.map((k) => el('option', { value: k, text: k })));
  $(id).value = value;
}

/** One selector per axis that is neither X nor Y: the diagram shows the points at the chosen values. */
function fixedSelectors() {
  const x = $('grid-x').value, y = $('grid-y').value;
  const box = $('grid-fixed');
  const old = {};
  box.querySelectorAll('select').forEach((s) => { old[s.dataset.axis] = s.value; });
  box.replaceChildren();
  for (const k of grids.axes.filter((a) => a !== x && a !== y)) {
    const values = distinct(grids.phases.points.map((pt) => pt[k]));
    const sel = el('select', { id: 'grid-fixed-' + k, 'data-axis': k });
    sel.replaceChildren(...values.map((v) => el('option', { value: JSON.stringify(v), text: String(v) })));
    if (old[k] !== undefined && values.some((v) => JSON.stringify(v) === old[k])) sel.value = old[k];
    sel.addEventListener('change', redrawGrid);
    box.append(el('label', { for: sel.id, text: k }), sel);
  }
}

function fixedValues() {
  const out = {};
  $('grid-fixed').querySelectorAll('select').forEach((s) => { out[s.dataset.axis] = JSON.parse(s.value); });
  return out;
}

function matchesFixed(row, fixed) {
  return Object.entries(fixed).every(([k, v]) => same(row[k], v));
}

// ---------------------------------------------------------------- phase diagram

async function redrawGrid() {
  if (!grids.phases) return;
  if ($('grid-y').value === $('grid-x').value) $('grid-y').value = '(none)';
  fixedSelectors();
  const x = $('grid-x').value, y = $('grid-y').value === '(none)' ? null : $('grid-y').value;
  const fixed = fixedValues();
  const points = grids.phases.points.filter((pt) => matchesFixed(pt, fixed));
  const xs = distinct(points.map((pt) => pt[x]));
  const ys = y ? distinct(points.map((pt) => pt[y])) : [null];
  const z = ys.map(() => xs.map(() => null));
  const text = ys.map(() => xs.map(() => ''));
  for (const pt of points) {
    const i = ys.findIndex((v) => y === null || same(v, pt[y]));
    const j = xs.findIndex((v) => same(v, pt[x]));
    z[i][j] = PHASES.indexOf(pt.phase);
    text[i][j] = hoverText(pt, [x, y].filter(Boolean).concat(Object.keys(fixed)));
  }
  const scale = [];
  PHASE_COLORS.forEach((c, i) => { scale.push([i / 4, c], [(i + 1) / 4, c]); });
  await draw('chart-grid-phases', [{
    type: 'heatmap', x: xs.map(String), y: ys.map((v) => (v === null ? NO_Y : String(v))), z: z, text: text,
    zmin: -0.5, zmax: 3.5, colorscale: scale, xgap: 2, ygap: 2, hoverongaps: false,
    hovertemplate: '%{text}<extra></extra>',
    colorbar: { tickvals: [0, 1, 2, 3], ticktext: PHASES, thickness: 14, len: 0.9 },
  }], layout('Majority phase over seeds: ' + (y ? y + ' against ' + x : x), x, y || '', 420,
    { xaxis: { type: 'category' }, yaxis: { type: 'category' } }));
  const div = $('chart-grid-phases');
  div.dataset.cells = String(points.length);
  if (!div.dataset.clickBound) {
    div.on('plotly_click', (ev) => onCellClick(ev));
    div.dataset.clickBound = 'true';
  }
  drawDelayCurves(x, y, fixed);
}

function hoverText(pt, keys) {
  const lines = keys.map((k) => k + ' = ' + pt[k]);
  lines.push('<b>' + pt.phase + '</b> (' + (pt.seeds || []).length + ' seed' + ((pt.seeds || []).length === 1 ? '' : 's') + ')');
  const d = delayOf(pt);
  lines.push('delay: ' + (d.mean === null ? 'never (no t_test)' : fix(d.mean, 0) + (d.std ? ' ± ' + fix(d.std, 0) : '') + ' epochs'));
  lines.push('seeds per phase: ' + PHASES.map((ph) => ph + ' ' + ((pt.counts || {})[ph] || 0)).join(', '));
  return lines.join('<br>');
}

function seedPoint(pt) {
  const keys = Object.keys(pt).filter((k) => !['phase', 'counts', 'seeds', 'runs'].includes(k));
  return ((grids.seeds || {}).points || []).find((sp) => keys.every((k) => same(sp[k], pt[k])));
}

function runsOf(pt) {
  const ids = new Set(pt.runs || []);
  return (grids.phases.runs || []).filter((r) => ids.has(r.id));
}

/** The delay at a point: seeds.json's statistics where it has them, else the mean over the point's runs. */
function delayOf(pt) {
  const sp = seedPoint(pt);
  if (sp && sp.outcomes && sp.outcomes.delay) {
    const o = sp.outcomes.delay;
    return { mean: o.mean, std: o.std, lo: o.lo, hi: o.hi, n: o.n };
  }
  const ds = runsOf(pt).map((r) => r.delay).filter((d) => d !== null && d !== undefined);
  return { mean: ds.length ? ds.reduce((a, b) => a + b, 0) / ds.length : null, std: null, lo: null, hi: null, n: ds.length };
}

function onCellClick(ev) {
  const p = ev.points && ev.points[0];
  if (!p || p.z === null || p.z === undefined) return;
  const x = $('grid-x').value, y = $('grid-y').value === '(none)' ? null : $('grid-y').value;
  const fixed = fixedValues();
  const pt = grids.phases.points.find((q) => matchesFixed(q, fixed) && same(q[x], p.x) && (y === null || same(q[y], p.y)));
  if (pt) showPoint(pt);
}

// ---------------------------------------------------------------- one grid point

async function showPoint(pt) {
  grids.point = pt;
  const box = $('grid-point');
  box.hidden = false;
  const keys = grids.axes.filter((k) => k in pt);
  $('grid-point-title').textContent = 'Grid point ' + keys.map((k) => k + ' = ' + pt[k]).join(', ') + ': ' + pt.phase;
  const d = delayOf(pt);
  const rows = runsOf(pt).sort((a, b) => byValue(a.seed, b.seed)).map((r) => el('tr', {},
    el('td', { text: String(r.seed) }), el('td', { class: 'phase-' + r.phase, text: r.phase }),
    el('td', { text: r.t_train === null ? 'never' : String(r.t_train) }),
    el('td', { text: r.t_test === null ? 'never' : String(r.t_test) }),
    el('td', { text: r.delay === null ? '–' : String(r.delay) }),
    el('td', { text: fix(r.final_test_acc, 4) }), el('td', { class: 'muted', text: r.id })));
  $('grid-point-runs').replaceChildren(el('table', { class: 'runs' },
    el('thead', {}, el('tr', {}, ...['seed', 'phase', 't_train', 't_test', 'delay', 'final test acc', 'run']
      .map((h) => el('th', { text: h })))), el('tbody', {}, ...rows)));
  $('grid-point-delay').textContent = 'Delay t_test − t_train: ' + (d.mean === null ? 'never reached (no seed generalised)'
    : fix(d.mean, 0) + ' epochs' + (d.std !== null && d.std !== undefined ? ' ± ' + fix(d.std, 0) + ' (std)' : '') +
    (d.lo !== null && d.lo !== undefined ? ', 95% interval [' + fix(d.lo, 0) + ', ' + fix(d.hi, 0) + ']' : '') +
    ' over ' + d.n + ' seed' + (d.n === 1 ? '' : 's') + ' that generalised.');
  await Promise.all([drawBand(pt), drawProgress(pt)]);
  box.dataset.point = JSON.stringify(keys.map((k) => pt[k]));
}

/** The seeds' mean ± std band (seeds.json) with every run's own curve (its metrics Parquet, via /api/grid-run). */
async function drawBand(pt) {
  const metric = $('grid-metric').value;
  const sp = seedPoint(pt);
  const traces = [];
  if (sp && sp.curves && sp.curves[metric]) {
    const c = sp.curves[metric], ep = sp.curves.epoch;
    const hi = c.mean.map((m, i) => (m === null || c.std[i] === null ? null : m + c.std[i]));
    const lo = c.mean.map((m, i) => (m === null || c.std[i] === null ? null : m - c.std[i]));
    traces.push({ x: ep, y: hi, mode: 'lines', line: { width: 0 }, hoverinfo: 'skip', showlegend: false, name: 'mean + std' });
    traces.push({ x: ep, y: lo, mode: 'lines', line: { width: 0 }, fill: 'tonexty', fillcolor: 'rgba(13,39,88,0.18)',
      name: 'mean ± std', hoverinfo: 'skip' });
    traces.push({ x: ep, y: c.mean, mode: 'lines', line: { color: NAVY, width: 2.5 }, name: 'mean of ' + sp.seeds.length + ' seeds' });
  }
  const title = CURVE_NAMES[metric] + (sp ? ': mean ± std over ' + sp.seeds.length + ' seeds, and each run'
    : ': each run (one seed, no band)');
  const lay = layout(title, 'Epoch', CURVE_NAMES[metric], 380, metric.endsWith('loss') ? { yaxis: { type: 'log' } } : {});
  $('chart-grid-band').dataset.runs = '';
  if (traces.length) await draw('chart-grid-band', traces, lay); // the band at once, the runs as they arrive
  const runs = await Promise.all((pt.runs || []).map((id) => api('/api/grid-run?id=' + encodeURIComponent(grids.id) +
    '&run=' + encodeURIComponent(id)).catch((e) => { console.warn('run ' + id + ': ' + e.message); return null; })));
  if (grids.point !== pt || $('grid-metric').value !== metric) return;
  const seedOf = new Map(runsOf(pt).map((r) => [r.id, r.seed]));
  runs.filter(Boolean).forEach((r) => traces.push({ x: r.epoch, y: r[metric], mode: 'lines', name: 'seed ' + seedOf.get(r.run),
    line: { color: RED, width: 1 }, opacity: 0.55, meta: r.run }));
  if (!traces.length) {
    clearChart('chart-grid-band', 'No curves: the runs of this point are not committed.');
    return;
  }
  await draw('chart-grid-band', traces, lay);
  $('chart-grid-band').dataset.runs = String(runs.filter(Boolean).length);
}

const PROGRESS = {
  losses: { title: 'Restricted and excluded loss', y: 'Loss', log: true,
    series: [['restricted_loss', 'restricted', 'solid'], ['excluded_loss', 'excluded', 'dash']] },
  gini: { title: 'Gini of the Fourier norms', y: 'Gini', log: false,
    series: [['gini_in', 'W_in', 'solid'], ['gini_out', 'W_out', 'dash']] },
  norm: { title: 'Sum of squared weights', y: 'Σ w²', log: false, series: [['weight_norm', 'Σ w²', 'solid']] },
};

/** Nanda et al.'s progress measures of the point's runs (progress.json; runs with test data only). */
async function drawProgress(pt) {
  const kind = PROGRESS[$('grid-progress-measure').value];
  const ids = new Set(pt.runs || []);
  const runs = ((grids.progress || {}).runs || []).filter((r) => ids.has(r.id));
  if (!runs.length) {
    clearChart('chart-grid-progress', 'No progress measures for this point (progress.json has none of its runs).');
    return;
  }
  const seedOf = new Map(runsOf(pt).map((r) => [r.id, r.seed]));
  const palette = [NAVY, RED, '#DEA54B', '#347186', '#60656F', '#986d56'];
  const traces = [];
  runs.forEach((r, i) => kind.series.forEach(([key, label, dash]) => traces.push({ x: r.epoch, y: r[key], mode: 'lines',
    name: label + ', seed ' + seedOf.get(r.id), line: { color: palette[i % palette.length], dash: dash } })));
  const keys = runs[0].key_frequencies ? ' (key frequencies of seed ' + seedOf.get(runs[0].id) + ': ' +
    runs[0].key_frequencies.join(', ') + ')' : '';
  await draw('chart-grid-progress', traces, layout(kind.title + keys, 'Epoch', kind.y, 380,
    kind.log ? { yaxis: { type: 'log' } } : {}));
}

// ---------------------------------------------------------------- delay curves, critical values, figures

function drawDelayCurves(x, y, fixed) {
  const points = grids.phases.points.filter((pt) => matchesFixed(pt, fixed));
  const ys = y ? distinct(points.map((pt) => pt[y])) : [null];
  const palette = [NAVY, RED, '#DEA54B', '#347186', '#60656F', '#986d56'];
  const numeric = points.every((pt) => typeof pt[x] === 'number');
  const traces = [];
  let top = 1;
  ys.forEach((yv, i) => {
    const line = points.filter((pt) => y === null || same(pt[y], yv)).sort((a, b) => byValue(a[x], b[x]));
    const ds = line.map((pt) => delayOf(pt));
    ds.forEach((d) => { if (d.mean !== null) top = Math.max(top, d.hi || d.mean); });
    const err = ds.map((d) => [d.mean === null || d.hi === null ? 0 : d.hi - d.mean, d.mean === null || d.lo === null ? 0 : d.mean - d.lo]);
    traces.push({ x: line.map((pt) => pt[x]), y: ds.map((d) => d.mean), mode: 'lines+markers', name: y ? y + ' = ' + yv : 'delay',
      line: { color: palette[i % palette.length] },
      error_y: { type: 'data', array: err.map((e) => e[0]), arrayminus: err.map((e) => e[1]), visible: true } });
    const never = line.filter((pt, j) => ds[j].mean === null);
    if (never.length) traces.push({ x: never.map((pt) => pt[x]), y: never.map(() => null), mode: 'markers', name: 'never generalised' + (y ? ' (' + y + ' = ' + yv + ')' : ''),
      marker: { symbol: 'x', size: 10, color: palette[i % palette.length] }, meta: 'never' });
  });
  traces.filter((t) => t.meta === 'never').forEach((t) => { t.y = t.x.map(() => top * 1.15); });
  const logX = numeric && LOG_KEYS.includes(x) && points.every((pt) => pt[x] > 0);
  const at = (v) => (logX ? Math.log10(v) : v); // an annotation on a log axis takes log10 positions (shapes do not)
  const shapes = [], annotations = [];
  const crit = criticalRows(x, y, fixed);
  crit.filter((c) => c.value !== null && c.value !== undefined).forEach((c) => {
    shapes.push({ type: 'line', xref: 'x', yref: 'paper', x0: c.value, x1: c.value, y0: 0, y1: 1,
      line: { dash: 'dash', color: '#347186' } });
    if (c.lo !== null && c.hi !== null && (!logX || c.lo > 0)) shapes.push({ type: 'rect', xref: 'x', yref: 'paper',
      x0: c.lo, x1: c.hi, y0: 0, y1: 1, fillcolor: 'rgba(52,113,134,0.10)', line: { width: 0 }, layer: 'below' });
    annotations.push({ x: at(c.value), y: 1, xref: 'x', yref: 'paper', yanchor: 'bottom', showarrow: false, font: { size: 11 },
      text: 'critical ' + x + (y && c[y] !== undefined ? ' (' + y + ' = ' + c[y] + ')' : '') + ' = ' + fix(c.value, 3) });
  });
  draw('chart-grid-delay', traces, layout('Grokking delay t_test − t_train against ' + x + ' (seed mean, 95% interval)',
    x, 'Delay (epochs)', 400, { xaxis: numeric ? { type: logX ? 'log' : 'linear' } : { type: 'category' }, shapes, annotations }));
  criticalTable(x);
}

/** critical.json's rows along x at the selected values of the other axes (any value of y). */
function criticalRows(x, y, fixed) {
  return ((grids.critical || {}).critical || []).filter((c) => c.axis === x &&
    Object.entries(fixed).every(([k, v]) => !(k in c) || same(c[k], v)));
}

function criticalTable(x) {
  const rows = ((grids.critical || {}).critical || []);
  const box = $('grid-critical');
  if (!rows.length) {
    box.replaceChildren(el('p', { class: 'muted', text: 'No critical values (critical.json) for this grid.' }));
    return;
  }
  const keys = ['p', 'config'].concat(Object.keys((grids.phases || {}).axes || {}));
  const cond = (c) => keys.filter((k) => k !== c.axis && k in c).map((k) => k + ' = ' + c[k]).join(', ');
  const body = rows.map((c) => el('tr', { class: c.axis === x ? 'current' : '' }, el('td', { text: c.axis }), el('td', { text: cond(c) }),
    el('td', { text: c.status }), el('td', { text: c.value === null || c.value === undefined ? '–' : fix(c.value, 4) }),
    el('td', { text: c.lo === null || c.lo === undefined ? '–' : '[' + fix(c.lo, 4) + ', ' + fix(c.hi, 4) + ']' })));
  box.replaceChildren(el('table', { class: 'runs' }, el('thead', {}, el('tr', {}, ...['axis', 'at', 'status', 'critical value',
    '95% interval'].map((h) => el('th', { text: h })))), el('tbody', {}, ...body)));
}

function gridImages(meta) {
  const pngs = (meta.files || []).filter((f) => f.endsWith('.png'));
  $('grid-images').replaceChildren(...pngs.map((f) => el('figure', {}, el('figcaption', { text: f }),
    el('img', { class: 'result-grid', src: gridFileUrl(meta.id, f), alt: f }))));
}

// ---------------------------------------------------------------- a small grid on demand

async function trainGrid() {
  const status = $('grid-gen-status');
  status.classList.remove('error');
  const num = (v) => (/^\d+$/.test(v.trim()) ? Number(v.trim()) : v.trim());
  let body;
  try {
    body = await api('/api/jobs/grid', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ p: num($('grid-new-p').value), config: $('grid-new-config').value,
        grid: $('grid-new-axes').value, epochs: num($('grid-new-epochs').value) }) });
  } catch (e) {
    status.classList.add('error');
    status.textContent = e.message;
    return;
  }
  if (!body.job) {
    status.textContent = body.message;
    return;
  }
  status.replaceChildren(el('b', { text: body.message + ' (job ' + body.job.id + ', ' + body.job.grid.runs + ' runs)' }));
  follow(body.job.id, 'grid');
  refreshJobs();
}

function initGrids(info) {
  $('grid-new-config').replaceChildren(...(info.configs || []).map((c) => el('option', { value: c, text: c })));
  $('grid-new-config').value = 'grokking';
  $('grid-new-epochs').value = String(info.default_grid_epochs);
  $('grid-new-epochs').max = String(info.max_grid_epochs);
  $('grid-max-runs').textContent = info.max_grid_runs;
  $('grid-max-epochs').textContent = info.max_grid_epochs;
  $('grid-select').addEventListener('change', (e) => selectGrid(e.target.value));
  $('grid-x').addEventListener('change', redrawGrid);
  $('grid-y').addEventListener('change', redrawGrid);
  $('grid-metric').addEventListener('change', () => grids.point && drawBand(grids.point));
  $('grid-progress-measure').addEventListener('change', () => grids.point && drawProgress(grids.point));
  $('grid-train-btn').addEventListener('click', trainGrid);
}
