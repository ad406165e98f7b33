// modsweep explorer: the page logic. Reads results through the app's JSON API; no inline script (CSP), no CDN.
'use strict';

const NAVY = '#0D2758', RED = '#A32015';
const state = { p: null, gen: 0, follow: null, source: null, logLines: [], jobsTimer: null };
const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------- fetching

async function api(path, options) {
  const res = await fetch(path, options);
  let body = null;
  try { body = await res.json(); } catch (e) { body = null; }
  if (!res.ok) {
    const err = new Error((body && body.error) || ('HTTP ' + res.status));
    err.status = res.status;
    throw err;
  }
  return body;
}

function resultUrl(p, name) {
  return '/api/result?p=' + encodeURIComponent(p) + '&name=' + encodeURIComponent(name);
}

/** A result JSON of the current p, or null when it does not exist (the chart then stays empty). */
async function resultJson(name, p) {
  try {
    return await api(resultUrl(p === undefined ? state.p : p, name));
  } catch (e) {
    if (e.status === 404) return null;
    throw e;
  }
}

// ---------------------------------------------------------------- formatting

function fix(x, n) { return (x === null || x === undefined || isNaN(x)) ? 'N/A' : Number(x).toFixed(n); }

/** Python's str() of a float as far as a JSON number allows: 5e-05, 0.0001, 0.1, 1.0 (asFloat). */
function pyNum(x, asFloat) {
  if (x === null || x === undefined) return 'N/A';
  if (typeof x !== 'number') return String(x);
  if (asFloat && Number.isInteger(x)) return x.toFixed(1);
  if (x !== 0 && Math.abs(x) < 1e-4) {
    const [m, e] = x.toExponential().split('e');
    const exp = Number(e);
    return m + 'e' + (exp < 0 ? '-' : '+') + String(Math.abs(exp)).padStart(2, '0');
  }
  return String(x);
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') node.className = v; else if (k === 'text') node.textContent = v; else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

// ---------------------------------------------------------------- charts

function layout(title, xTitle, yTitle, height, extra) {
  const axis = (t) => ({ title: { text: t }, gridcolor: '#EBF0F8', zerolinecolor: '#EBF0F8', linecolor: '#444',
    automargin: true });
  const more = Object.assign({}, extra || {});
  const xaxis = Object.assign(axis(xTitle), more.xaxis || {});
  const yaxis = Object.assign(axis(yTitle), more.yaxis || {});
  delete more.xaxis;
  delete more.yaxis;
  return Object.assign({
    title: { text: title, font: { size: 16 } }, height: height, xaxis: xaxis, yaxis: yaxis,
    margin: { l: 60, r: 20, t: 50, b: 50 }, paper_bgcolor: 'white', plot_bgcolor: 'white',
    font: { family: 'Palatino Linotype, Palatino, Georgia, serif', size: 13 },
    legend: { bgcolor: 'rgba(255,255,255,0.7)' }, hovermode: 'closest',
  }, more);
}

const PLOT_CONFIG = { responsive: true, displaylogo: false };

/** Room the mode bar takes at the top right of a chart (nine buttons of about 22 px, with its gaps). */
const MODEBAR_PX = 215;
const TITLE_FONT = '16px "Palatino Linotype", Palatino, Georgia, serif';
const measure = document.createElement('canvas').getContext('2d');

function textWidth(text) {
  measure.font = TITLE_FONT;
  return measure.measureText(text).width;
}

/**
 * A title that stays clear of the mode bar: left-aligned, wrapped at word boundaries into the width left of it,
 * the top margin grown by a line per wrap.
 */
function fitTitle(lay, width) {
  const text = lay.title && lay.title.text;
  if (!text) return lay;
  const room = Math.max(140, width - MODEBAR_PX - 24);
  const lines = [];
  for (const word of text.split(' ')) {
    const last = lines.length ? lines[lines.length - 1] : null;
    if (last !== null && textWidth(last + ' ' + word) <= room) lines[lines.length - 1] = last + ' ' + word;
    else lines.push(word);
  }
  const margin = Object.assign({}, lay.margin || {});
  margin.t = (margin.t || 50) + 20 * (lines.length - 1);
  return Object.assign({}, lay, { margin: margin,
    title: Object.assign({}, lay.title, { text: lines.join('<br>'), x: 0.01, xref: 'container', xanchor: 'left' }) });
}

/** The width a chart will have: its own, or (drawn in a hidden tab) its figure's share of the page. */
function chartWidth(div) {
  if (div.clientWidth) return div.clientWidth;
  const page = Math.min(window.innerWidth || 1400, 1400) - 48;
  const grid = div.closest('.grid2, .grid3');
  const cols = grid ? (grid.classList.contains('grid3') ? 3 : 2) : 1;
  return Math.max(300, (page - 14 * (cols - 1)) / cols - 14);
}

function draw(id, traces, lay) {
  const div = $(id);
  const missing = div.querySelector('.missing');
  if (missing) missing.remove();
  div.dataset.empty = 'false';
  div.dataset.title = (lay.title && lay.title.text) || '';
  const fitted = fitTitle(lay, chartWidth(div));
  div.dataset.titleWidth = String(chartWidth(div));
  div.baseLayout = lay;
  return Plotly.react(div, traces, fitted, PLOT_CONFIG);
}

function clearChart(id, message) {
  const div = $(id);
  Plotly.purge(div);
  div.replaceChildren(el('div', { class: 'missing', text: message }));
  div.dataset.empty = 'true';
}

function resizeVisibleCharts() {
  document.querySelectorAll('.tab.active .chart').forEach((d) => {
    if (d.dataset.empty !== 'false' || !d.querySelector('svg.main-svg')) return;
    if (d.baseLayout && d.clientWidth && String(d.clientWidth) !== d.dataset.titleWidth) {
      // re-wrap the title for the width the chart really has (it was drawn while its tab was hidden)
      const fitted = fitTitle(d.baseLayout, d.clientWidth);
      d.dataset.titleWidth = String(d.clientWidth);
      Plotly.relayout(d, { title: fitted.title, margin: fitted.margin });
    }
    Plotly.Plots.resize(d);
  });
}

// ---------------------------------------------------------------- moduli and info bar

async function loadModuli(select) {
  const body = await api('/api/moduli');
  const sel = $('p-select');
  sel.replaceChildren(...body.moduli.map((p) => el('option', { value: String(p), text: String(p) })));
  let target = select !== undefined ? select : (state.p !== null && body.moduli.includes(state.p) ? state.p : body.default);
  if (target === null || target === undefined) {
    $('info-bar').textContent = 'No results in this store yet: train a p with "Generate results for a new p" below.';
    $('generate').open = true;
    document.body.dataset.loaded = 'true';
    return;
  }
  sel.value = String(target);
  await selectP(Number(target));
}

async function selectP(p) {
  state.p = p;
  const gen = ++state.gen;
  document.body.dataset.p = String(p);
  document.body.dataset.loaded = 'false';
  const tasks = [infoBar(p), loadImages(p), overviewCharts(p), loadNeurons(p), loadPairs(p), grokkingCharts(p),
    loadEpochGrid(p, true), loadRuns(p)];
  const results = await Promise.allSettled(tasks);
  results.filter((r) => r.status === 'rejected').forEach((r) => console.warn('load failed:', r.reason));
  if (gen === state.gen) document.body.dataset.loaded = 'true';
}

async function infoBar(p) {
  const meta = await resultJson('metadata.json', p);
  const bar = $('info-bar');
  bar.replaceChildren();
  const parts = [];
  if (!meta) {
    bar.append(el('b', { text: 'p = ' + p }), ' | No metadata available');
    return;
  }
  const std = (meta.final_metrics || {}).standard || {};
  if (meta.d_mlp !== undefined) parts.push('d_mlp = ' + meta.d_mlp);
  if (std.train_acc !== undefined) parts.push('Train Acc = ' + fix(std.train_acc, 4));
  if (std.test_acc !== undefined) parts.push('Test Acc = ' + fix(std.test_acc, 4));
  if (std.train_loss !== undefined) parts.push('Train Loss = ' + fix(std.train_loss, 6));
  bar.append(el('b', { text: 'p = ' + p }), parts.length ? ' | ' + parts.join(' | ') : '');
}

// ---------------------------------------------------------------- static images

function loadImages(p) {
  const imgs = Array.from(document.querySelectorAll('img.result'));
  return Promise.all(imgs.map((img) => new Promise((resolve) => {
    const fig = img.parentElement;
    const old = fig.querySelector('.missing');
    if (old) old.remove();
    img.hidden = false;
    img.onload = () => { img.dataset.state = 'loaded'; resolve(); };
    img.onerror = () => {
      img.hidden = true;
      img.dataset.state = 'missing';
      const why = img.hasAttribute('data-grokking') && p < 19 ? 'No grokking plots for p < 19.' : 'Not available for p = ' + p + '.';
      fig.append(el('div', { class: 'missing', text: why }));
      resolve();
    };
    img.dataset.state = 'loading';
    img.src = resultUrl(p, img.dataset.name);
  })));
}

// ---------------------------------------------------------------- tab 1

async function overviewCharts(p) {
  const ov = await resultJson('overview.json', p);
  if (p !== state.p) return;
  if (ov && ov.std_train_loss) {
    await draw('chart-std-loss', [{ x: ov.std_epochs, y: ov.std_train_loss, mode: 'lines', name: 'Train Loss',
      line: { color: NAVY } }], layout('Full Data: Training Loss', 'Step', 'Loss', 350));
  } else {
    clearChart('chart-std-loss', 'No full-data loss for p = ' + p + '.');
  }
  if (ov && ov.grokk_epochs) {
    await draw('chart-grokk-loss-overview', [
      { x: ov.grokk_epochs, y: ov.grokk_train_loss, mode: 'lines', name: 'Train Loss', line: { color: NAVY } },
      { x: ov.grokk_epochs, y: ov.grokk_test_loss, mode: 'lines', name: 'Test Loss', line: { color: RED } },
    ], layout('Grokking: Loss (75% data, weight decay)', 'Step', 'Loss', 350));
    await draw('chart-grokk-ipr', [{ x: ov.grokk_epochs, y: ov.grokk_ipr, mode: 'lines', name: 'Avg IPR',
      line: { color: RED } }],
    layout('Grokking: IPR (weight decay drives sparsification)', 'Step', 'IPR', 350,
      { yaxis: { range: [0, 1.05] } }));
  } else {
    const why = p < 19 ? 'No grokking run for p < 19.' : 'No grokking data for p = ' + p + '.';
    clearChart('chart-grokk-loss-overview', why);
    clearChart('chart-grokk-ipr', why);
  }
}

// ---------------------------------------------------------------- tab 2: neuron inspector

async function loadNeurons(p) {
  const spectra = await resultJson('neuron_spectra.json', p);
  if (p !== state.p) return;
  const sel = $('neuron-select');
  const keys = spectra ? Object.keys(spectra.neurons || {}) : [];
  sel.replaceChildren(...keys.map((k) => el('option', { value: k, text: k })));
  if (!keys.length) {
    clearChart('chart-neuron', 'No neuron spectra for p = ' + p + '.');
    return;
  }
  sel.value = keys[0];
  await drawNeuron(keys[0], spectra);
}

async function drawNeuron(key, spectra) {
  const data = spectra || await resultJson('neuron_spectra.json');
  if (!data || !data.neurons[key]) return;
  const n = data.neurons[key];
  await draw('chart-neuron', [
    { type: 'bar', x: data.fourier_basis_names, y: n.fourier_magnitudes_in, name: 'W_in magnitude',
      marker: { color: NAVY }, opacity: 0.8 },
    { type: 'bar', x: data.fourier_basis_names, y: n.fourier_magnitudes_out, name: 'W_out magnitude',
      marker: { color: RED } },
  ], layout('Neuron ' + key + ' (dominant freq=' + n.dominant_freq + ')', 'Fourier Component', 'Magnitude', 350,
    { barmode: 'group' }));
  $('chart-neuron').dataset.neuron = key;
}

function stepNeuron(delta) {
  const sel = $('neuron-select');
  const i = sel.selectedIndex + delta;
  if (i < 0 || i >= sel.options.length) return;
  sel.selectedIndex = i;
  drawNeuron(sel.value);
}

// ---------------------------------------------------------------- tab 4: logit explorer

async function loadPairs(p) {
  const li = await resultJson('logits_interactive.json', p);
  if (p !== state.p) return;
  const sel = $('pair-select');
  const labels = li ? li.pairs.map((ab) => '(' + ab[0] + ', ' + ab[1] + ')') : [];
  sel.replaceChildren(...labels.map((l) => el('option', { value: l, text: l })));
  if (!labels.length) {
    clearChart('chart-logits', 'No logits for p = ' + p + '.');
    return;
  }
  sel.value = labels[0];
  await drawLogits(labels[0], li);
}

async function drawLogits(label, data) {
  const li = data || await resultJson('logits_interactive.json');
  if (!li) return;
  let i = li.pairs.findIndex((ab) => '(' + ab[0] + ', ' + ab[1] + ')' === label);
  if (i < 0) i = 0; // unknown label: the first pair, as in the original
  const [a, b] = li.pairs[i];
  const correct = li.correct_answers[i];
  const classes = li.output_classes || li.logits[i].map((_, c) => c);
  await draw('chart-logits', [{
    type: 'bar', x: classes.map(String), y: li.logits[i],
    marker: { color: classes.map((c) => (c === correct ? RED : NAVY)) },
    hovertemplate: 'Class %{x}: %{y:.3f}<extra></extra>',
  }], layout('Logits for (' + a + ', ' + b + ') -- correct = ' + correct, 'Output Class', 'Logit Value', 350,
    { xaxis: { type: 'category' } }));
}

// ---------------------------------------------------------------- tab 6: grokking

function stageShapes(s1, s2, end, withText) {
  const shapes = [], annotations = [];
  const band = (x0, x1, color, text, y) => {
    if (x0 === null || x0 === undefined || x1 === null || x1 === undefined) return;
    shapes.push({ type: 'rect', xref: 'x', yref: 'paper', x0: x0, x1: x1, y0: 0, y1: 1, fillcolor: color,
      line: { width: 0 }, layer: 'below' });
    if (withText) annotations.push({ x: x0, y: y, xref: 'x', yref: 'paper', text: text, showarrow: false,
      xanchor: 'left', yanchor: 'top', font: { size: 11 } });
  };
  // the labels step down so that a narrow first stage does not print two labels on top of each other
  band(0, s1, 'rgba(212,175,55,0.15)', 'Memorization', 1);
  band(s1, s2, 'rgba(139,115,85,0.15)', 'Transition', 0.94);
  band(s2, end, 'rgba(192,192,192,0.15)', 'Generalization', 0.88);
  return { shapes, annotations };
}

async function grokkingCharts(p) {
  const [loss, acc] = await Promise.all([resultJson('grokk_loss.json', p), resultJson('grokk_acc.json', p)]);
  if (p !== state.p) return;
  const why = p < 19 ? 'No grokking run for p < 19.' : 'No grokking data for p = ' + p + '.';
  if (loss) {
    const E = Math.min(loss.train_losses.length, loss.test_losses.length);
    const x = Array.from({ length: E }, (_, i) => i);
    const bands = stageShapes(loss.stage1_end, loss.stage2_end, E, true);
    await draw('chart-grokk-loss', [
      { x: x, y: loss.train_losses.slice(0, E), mode: 'lines', name: 'Train Loss', line: { color: NAVY } },
      { x: x, y: loss.test_losses.slice(0, E), mode: 'lines', name: 'Test Loss', line: { color: RED } },
    ], layout('Grokking: Loss', 'Epoch', 'Loss', 400, { shapes: bands.shapes, annotations: bands.annotations,
      legend: { x: 0.98, xanchor: 'right', y: 0.98, bgcolor: 'rgba(255,255,255,0.7)' } }));
  } else {
    clearChart('chart-grokk-loss', why);
  }
  if (acc) {
    const end = acc.epochs.length ? Math.max(...acc.epochs) : 0;
    const bands = stageShapes(acc.stage1_end, acc.stage2_end, end, false);
    await draw('chart-grokk-acc', [
      { x: acc.epochs, y: acc.train_accs, mode: 'lines', name: 'Train Acc', line: { color: NAVY } },
      { x: acc.epochs, y: acc.test_accs, mode: 'lines', name: 'Test Acc', line: { color: RED } },
    ], layout('Grokking: Accuracy', 'Epoch', 'Accuracy', 400, { shapes: bands.shapes,
      legend: { x: 0.98, xanchor: 'right', y: 0.02, yanchor: 'bottom', bgcolor: 'rgba(255,255,255,0.7)' } }));
  } else {
    clearChart('chart-grokk-acc', why);
  }
}

async function loadEpochGrid(p, reset) {
  const data = await resultJson('grokk_epoch_data.json', p);
  if (p !== state.p) return;
  const row = $('epoch-slider-row'), slider = $('epoch-slider');
  if (!data || !data.epochs || !data.epochs.length) {
    row.hidden = true;
    $('epoch-label').textContent = '';
    clearChart('chart-acc-grid', p < 19 ? 'No grokking run for p < 19.' : 'No accuracy grids for p = ' + p + '.');
    return;
  }
  row.hidden = false;
  if (reset) {
    slider.max = String(data.epochs.length - 1);
    slider.value = '0';
  }
  const idx = Math.min(Number(slider.value), data.epochs.length - 1);
  const epoch = data.epochs[idx];
  $('epoch-index').textContent = idx + ' / ' + (data.epochs.length - 1);
  const label = $('epoch-label');
  label.replaceChildren();
  if (reset) label.textContent = 'Epoch: ' + epoch; else label.append(el('b', { text: 'Epoch: ' + epoch }));
  await draw('chart-acc-grid', [{
    type: 'heatmap', z: data.grids[idx], zmin: 0, zmax: 1, colorscale: [[0, 'white'], [1, NAVY]],
    hovertemplate: 'a=%{y}, b=%{x}: %{z:.0f}<extra></extra>',
  }], layout('Accuracy Grid at Epoch ' + epoch, 'Second Input (b)', 'First Input (a)', 450,
    { yaxis: { autorange: 'reversed' } }));
  $('chart-acc-grid').dataset.epoch = String(epoch);
}

// ---------------------------------------------------------------- tab 9: training log

const CONFIG_LABELS = [['Modulo (p)', 'prime'], ['d_mlp', 'd_mlp'], ['Activation', 'act_type'],
  ['Init Type', 'init_type'], ['Init Scale', 'init_scale'], ['Optimizer', 'optimizer'], ['Learning Rate', 'lr'],
  ['Weight Decay', 'weight_decay'], ['Frac Train', 'frac_train'], ['Num Epochs', 'num_epochs'], ['Seed', 'seed']];

const FLOAT_KEYS = ['init_scale', 'lr', 'weight_decay', 'frac_train'];

async function loadRuns(p) {
  const logs = await resultJson('training_log.json', p);
  if (p !== state.p) return;
  const sel = $('run-select');
  const runs = logs ? Object.keys(logs) : [];
  sel.replaceChildren(...runs.map((r) => el('option', { value: r, text: r })));
  if (!runs.length) {
    $('run-config').replaceChildren();
    $('run-log').textContent = '';
    return;
  }
  sel.value = runs[0];
  showRun(runs[0], logs);
}

async function showRun(run, data) {
  const logs = data || await resultJson('training_log.json');
  if (!logs || !logs[run]) return;
  const cfg = logs[run].config || {};
  const list = el('ul');
  for (const [label, key] of CONFIG_LABELS) {
    const v = cfg[key];
    const asFloat = FLOAT_KEYS.includes(key) && !(key === 'weight_decay' && v === 0);
    list.append(el('li', {}, el('b', { text: label }), ': ', el('code', { text: v === undefined || v === null ? 'N/A' : pyNum(v, asFloat) })));
  }
  $('run-config').replaceChildren(el('b', { text: 'Run: ' + run }), list);
  $('run-log').textContent = logs[run].log_text || '';
}

// ---------------------------------------------------------------- sweep tab

/** Finds tables (arrays of row objects, or objects of equal-length columns) inside a summary JSON. */
function tablesOf(name, json) {
  const out = [];
  const isRows = (a) => Array.isArray(a) && a.length && a.every((r) => r && typeof r === 'object' && !Array.isArray(r));
  const columnar = (o) => {
    const cols = Object.entries(o).filter(([, v]) => Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null));
    if (cols.length < 2 || !cols.some(([k]) => X_KEYS.includes(k))) return null;
    const n = cols[0][1].length;
    if (!n || !cols.every(([, v]) => v.length === n)) return null;
    return Array.from({ length: n }, (_, i) => Object.fromEntries(cols.map(([k, v]) => [k, v[i]])));
  };
  if (isRows(json)) out.push({ name: name, rows: json });
  else if (json && typeof json === 'object') {
    const c = columnar(json);
    if (c) out.push({ name: name, rows: c });
    for (const [k, v] of Object.entries(json)) {
      if (isRows(v)) out.push({ name: name + ' › ' + k, rows: v });
      else if (v && typeof v === 'object' && !Array.isArray(v)) {
        const cc = columnar(v);
        if (cc) out.push({ name: name + ' › ' + k, rows: cc });
      }
    }
  }
  return out.map((t) => ({ name: t.name, rows: t.rows.map((r) => flatten(r)) }));
}

function flatten(row, prefix, out) {
  out = out || {};
  for (const [k, v] of Object.entries(row)) {
    const key = prefix ? prefix + '.' + k : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v, key, out); else out[key] = v;
  }
  return out;
}

const X_KEYS = ['p', 'prime', 'modulus'];
const GROUP_KEYS = ['config', 'run', 'config_key', 'run_key', 'configuration'];
state.tables = [];

async function loadSummary() {
  const listing = await api('/api/summary');
  const files = listing.files || [];
  $('summary-files').textContent = files.length ? 'Files in results/summary/: ' + files.join(', ')
    : 'No cross-p summary in this store yet (a sweep writes results/summary/).';
  const tables = [];
  for (const f of files.filter((f) => f.endsWith('.json'))) {
    try {
      tables.push(...tablesOf(f, await api('/api/summary-file?name=' + encodeURIComponent(f))));
    } catch (e) { console.warn('summary file', f, e); }
  }
  state.tables = tables.filter((t) => t.rows.some((r) => X_KEYS.some((k) => typeof r[k] === 'number')));
  const sel = $('summary-table');
  const previous = sel.value;
  sel.replaceChildren(...state.tables.map((t, i) => el('option', { value: String(i), text: t.name })));
  if (state.tables.length) {
    const keep = state.tables.findIndex((t) => t.name === (state.tables[Number(previous)] || {}).name);
    sel.value = String(keep >= 0 ? keep : 0);
    fillMetrics();
  } else {
    $('summary-metric').replaceChildren();
    clearChart('chart-summary', 'No cross-p summary table yet.');
  }
  const imgs = $('summary-images');
  imgs.replaceChildren(...files.filter((f) => f.endsWith('.png')).map((f) => el('figure', {},
    el('figcaption', { text: f }), el('img', { class: 'summary', src: '/api/summary-file?name=' + encodeURIComponent(f), alt: f }))));
}

function fillMetrics() {
  const t = state.tables[Number($('summary-table').value)];
  if (!t) return;
  const xKey = X_KEYS.find((k) => t.rows.some((r) => typeof r[k] === 'number'));
  const keys = [];
  for (const r of t.rows) for (const [k, v] of Object.entries(r)) {
    if (typeof v === 'number' && k !== xKey && !keys.includes(k)) keys.push(k);
  }
  const sel = $('summary-metric');
  const previous = sel.value;
  sel.replaceChildren(...keys.map((k) => el('option', { value: k, text: k })));
  const preferred = [previous, 'test_acc', 'final.test_acc', 'final_test_acc'].find((k) => keys.includes(k));
  if (preferred) sel.value = preferred;
  drawSummary();
}

function drawSummary() {
  const t = state.tables[Number($('summary-table').value)];
  const metric = $('summary-metric').value;
  if (!t || !metric) return;
  const xKey = X_KEYS.find((k) => t.rows.some((r) => typeof r[k] === 'number'));
  const gKey = GROUP_KEYS.find((k) => t.rows.some((r) => typeof r[k] === 'string'));
  const groups = new Map();
  for (const r of t.rows) {
    if (typeof r[metric] !== 'number' || typeof r[xKey] !== 'number') continue;
    const g = gKey ? String(r[gKey]) : metric;
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push([r[xKey], r[metric]]);
  }
  const palette = [NAVY, RED, '#DEA54B', '#347186', '#60656F', '#986d56'];
  const traces = Array.from(groups.entries()).map(([g, pts], i) => {
    pts.sort((a, b) => a[0] - b[0]);
    return { x: pts.map((q) => q[0]), y: pts.map((q) => q[1]), name: g, mode: 'lines+markers',
      line: { color: palette[i % palette.length] } };
  });
  if (!traces.length) { clearChart('chart-summary', 'No numeric values of ' + metric + '.'); return; }
  draw('chart-summary', traces, layout(metric + ' across moduli (' + t.name + ')', xKey, metric, 400));
}

// ---------------------------------------------------------------- on-demand training

async function generate() {
  const status = $('gen-status');
  status.classList.remove('error');
  const raw = $('new-p').value.trim();
  if (!raw) { status.textContent = 'Enter a value for p.'; return; }
  let body;
  try {
    body = await api('/api/jobs', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ p: /^-?\d+$/.test(raw) ? Number(raw) : raw }) });
  } catch (e) {
    status.classList.add('error');
    status.textContent = e.message;
    return;
  }
  if (!body.job) { // results already exist
    status.textContent = body.message;
    await loadModuli(Number(raw));
    return;
  }
  status.replaceChildren(el('b', { text: body.message + ' (job ' + body.job.id + ')' }));
  follow(body.job.id);
  refreshJobs();
}

/** Streams a job's log into its box: the Grids tab's for a grid, the accordion's for a modulus. */
function follow(id, kind) {
  if (state.source) state.source.close();
  state.follow = id;
  state.logLines = [];
  const logId = kind === 'grid' ? 'grid-log' : 'pipeline-log';
  $(logId).hidden = false;
  $(logId + '-label').hidden = false;
  $(logId).textContent = 'Starting...';
  const src = new EventSource('/api/jobs/events?id=' + encodeURIComponent(id));
  state.source = src;
  src.addEventListener('line', (ev) => {
    state.logLines.push(ev.data);
    if (state.logLines.length > 200) state.logLines.splice(0, state.logLines.length - 200);
    const log = $(logId);
    log.textContent = state.logLines.join('\n');
    log.scrollTop = log.scrollHeight;
  });
  src.addEventListener('state', (ev) => onJobState(JSON.parse(ev.data)));
  src.addEventListener('end', () => { src.close(); if (state.source === src) state.source = null; });
}

async function onJobState(job) {
  if (job.kind === 'grid') {
    await onGridJobState(job);
    refreshJobs();
    return;
  }
  const status = $('gen-status');
  status.classList.toggle('error', job.state === 'failed');
  status.replaceChildren();
  if (job.state === 'queued') {
    status.append(el('b', { text: 'Queued p=' + job.p + (job.queue_position ? ' (position ' + job.queue_position + ' in the queue)' : '') }));
  } else if (job.state === 'running') {
    status.append(el('b', { text: 'Running pipeline for p=' + job.p + '...' }));
  } else if (job.state === 'done') {
    status.append(el('b', { text: 'Success:' }), ' ' + (job.message || 'done'));
    await loadModuli(job.p);
  } else if (job.state === 'failed') {
    status.append(el('b', { text: 'Error:' }), ' ' + (job.error || 'failed'));
  } else if (job.state === 'cancelled') {
    status.textContent = 'Cancelled p=' + job.p + '.';
  }
  refreshJobs();
}

async function onGridJobState(job) {
  const status = $('grid-gen-status');
  status.classList.toggle('error', job.state === 'failed');
  status.replaceChildren();
  const what = 'grid ' + job.grid.id + ' (' + job.grid.runs + ' runs)';
  if (job.state === 'queued') {
    status.append(el('b', { text: 'Queued ' + what + (job.queue_position ? ' (position ' + job.queue_position + ' in the queue)' : '') }));
  } else if (job.state === 'running') {
    status.append(el('b', { text: 'Training ' + what + '...' }));
  } else if (job.state === 'done') {
    status.append(el('b', { text: 'Success:' }), ' ' + (job.message || 'done'));
    await loadGrids(job.grid.id);
  } else if (job.state === 'failed') {
    status.append(el('b', { text: 'Error:' }), ' ' + (job.error || 'failed'));
  } else if (job.state === 'cancelled') {
    status.textContent = 'Cancelled ' + what + '.';
  }
}

/** The jobs table: every job, or (grid tab) the grid jobs only; each row with its Cancel and Log buttons. */
function jobsTable(jobs) {
  const rows = jobs.slice(0, 12).map((j) => {
    const st = el('td', { class: 'state-' + j.state, text: j.state + (j.queue_position ? ' (#' + j.queue_position + ' in queue)' : '') });
    const actions = el('td');
    if (j.state === 'queued' || j.state === 'running') {
      const b = el('button', { type: 'button', class: 'small cancel', 'data-job': j.id, text: 'Cancel' });
      b.addEventListener('click', () => cancelJob(j.id));
      actions.append(b);
    }
    const show = el('button', { type: 'button', class: 'small show-log', text: 'Log' });
    show.addEventListener('click', () => follow(j.id, j.kind));
    actions.append(' ', show);
    const what = j.kind === 'grid' ? 'grid ' + j.grid.id + ' (p=' + j.p + ', ' + j.grid.runs + ' runs)' : 'p=' + j.p;
    return el('tr', { 'data-job': j.id, 'data-state': j.state },
      el('td', { text: what }), st, el('td', { class: 'muted', text: j.error || j.message || '' }), actions);
  });
  return el('table', {}, el('thead', {}, el('tr', {}, el('th', { text: 'training' }),
    el('th', { text: 'state' }), el('th', { text: 'detail' }), el('th', { text: '' }))), el('tbody', {}, ...rows));
}

async function refreshJobs() {
  let body;
  try { body = await api('/api/jobs'); } catch (e) { return; }
  const jobs = body.jobs || [];
  const signature = JSON.stringify(jobs.map((j) => [j.id, j.state, j.queue_position, j.error, j.message]));
  if (signature !== state.jobsSignature) { // unchanged: keep the tables (and the buttons a user may be about to click)
    const gridJobs = jobs.filter((j) => j.kind === 'grid');
    $('jobs').replaceChildren(...(jobs.length ? [jobsTable(jobs)] : []));
    $('grid-jobs').replaceChildren(...(gridJobs.length ? [jobsTable(gridJobs)] : []));
  }
  state.jobsSignature = signature;
  for (const id of ['spark-ui', 'spark-ui-gen']) {
    const box2 = $(id);
    box2.replaceChildren();
    if (body.spark_ui) {
      box2.append('A sweep is running: ', el('a', { href: body.spark_ui, target: '_blank', rel: 'noopener noreferrer',
        class: 'spark-ui-link', text: 'open its Spark UI (' + body.spark_ui + ')' }));
    }
  }
  // a page opened while a job runs follows it
  if (!state.follow) {
    const running = jobs.find((j) => j.state === 'running');
    if (running) follow(running.id, running.kind);
  }
}

async function cancelJob(id) {
  try {
    await api('/api/jobs/cancel?id=' + encodeURIComponent(id), { method: 'POST',
      headers: { 'Content-Type': 'application/json' }, body: '{}' });
  } catch (e) {
    $('gen-status').textContent = e.message;
  }
  refreshJobs();
}

// ---------------------------------------------------------------- wiring

function showTab(name) {
  document.querySelectorAll('.tabs button').forEach((b) => b.classList.toggle('active', b.dataset.tab === name));
  document.querySelectorAll('.tab').forEach((t) => t.classList.toggle('active', t.id === 'tab-' + name));
  if (name === 'sweep') loadSummary().catch((e) => console.warn(e));
  if (name === 'grids') loadGrids().catch((e) => console.warn(e));
  requestAnimationFrame(resizeVisibleCharts);
}

async function init() {
  const info = await api('/api/info');
  $('store-uri').textContent = info.store;
  $('max-p').textContent = info.max_p_on_demand;
  $('plotly-version').textContent = info.plotly.replace('/vendor/', '').replace('.js', '');
  $('new-p').max = String(info.max_p_on_demand);
  if (info.epoch_cap) $('epoch-cap-note').textContent = 'This explorer caps on-demand trainings at ' + info.epoch_cap + ' epochs.';
  document.querySelectorAll('.tabs button').forEach((b) => b.addEventListener('click', () => showTab(b.dataset.tab)));
  $('p-select').addEventListener('change', (e) => selectP(Number(e.target.value)));
  $('neuron-select').addEventListener('change', (e) => drawNeuron(e.target.value));
  $('neuron-prev').addEventListener('click', () => stepNeuron(-1));
  $('neuron-next').addEventListener('click', () => stepNeuron(1));
  $('pair-select').addEventListener('change', (e) => drawLogits(e.target.value));
  $('epoch-slider').addEventListener('input', () => loadEpochGrid(state.p, false));
  $('run-select').addEventListener('change', (e) => showRun(e.target.value));
  $('summary-table').addEventListener('change', fillMetrics);
  $('summary-metric').addEventListener('change', drawSummary);
  $('generate-btn').addEventListener('click', generate);
  $('new-p').addEventListener('keydown', (e) => { if (e.key === 'Enter') generate(); });
  window.addEventListener('resize', resizeVisibleCharts);
  initGrids(info);
  await loadModuli();
  refreshJobs();
  state.jobsTimer = setInterval(refreshJobs, 2000);
}

init().catch((e) => {
  $('info-bar').textContent = 'Could not load the explorer: ' + e.message;
});
