// ECharts, only the parts the report uses (keeps the bundle small), and lazy charts: a chart is
// drawn when its box first comes near the viewport, so the page opens fast however many there are.

import * as echarts from 'echarts/core';
import { BarChart, LineChart, HeatmapChart, TreeChart, ScatterChart, SankeyChart } from 'echarts/charts';
import {
  GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, MarkLineComponent,
  MarkPointComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { ECHARTS_THEME } from './theme.js';
import { h } from './dom.js';

echarts.use([
  BarChart, LineChart, HeatmapChart, TreeChart, ScatterChart, SankeyChart,
  GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, MarkLineComponent,
  MarkPointComponent, CanvasRenderer,
]);
echarts.registerTheme('refnet', ECHARTS_THEME);

export { echarts };

const pending = new Map();
const instances = new Set();
let observer = null;

function draw(el) {
  const build = pending.get(el);
  if (!build) return;
  pending.delete(el);
  if (observer) observer.unobserve(el);
  const chart = echarts.init(el, 'refnet', { renderer: 'canvas' });
  instances.add(chart);
  try {
    const option = build(chart);
    if (option) chart.setOption(option);
    el.dataset.rendered = '1';
  } catch (err) {
    console.error(`refnet report: chart ${el.dataset.chart} failed:`, err);
    el.dataset.rendered = 'error';
  }
}

function ensureObserver() {
  if (observer || typeof IntersectionObserver === 'undefined') return;
  observer = new IntersectionObserver((entries) => {
    for (const e of entries) if (e.isIntersecting) draw(e.target);
  }, { rootMargin: '400px 0px' });
}

/** A chart box; build(chart) returns the ECharts option (or sets it itself). */
export function chartBox(name, build, { height = 320, testid } = {}) {
  const el = h('div', { class: 'chart', dataset: { chart: name }, testid: testid || `chart-${name}`, style: { height: typeof height === 'number' ? `${height}px` : height } });
  pending.set(el, build);
  ensureObserver();
  if (observer) queueMicrotask(() => { if (pending.has(el)) observer.observe(el); });
  else queueMicrotask(() => draw(el));
  return el;
}

/** Draw every chart still waiting (printing, tests). */
export function drawAll() {
  for (const el of [...pending.keys()]) if (el.isConnected) draw(el);
}

/** Dispose the charts inside a subtree that is being removed (the user page). */
export function disposeIn(root) {
  for (const el of root.querySelectorAll('.chart')) {
    pending.delete(el);
    const c = echarts.getInstanceByDom(el);
    if (c) { instances.delete(c); c.dispose(); }
  }
}

let resizeTimer = 0;
function resizeAll() {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => { for (const c of instances) if (!c.isDisposed()) c.resize(); }, 80);
}
window.addEventListener('resize', resizeAll);
if (typeof ResizeObserver !== 'undefined') {
  // Containers change width without a window resize (the nav collapsing, a details element).
  const ro = new ResizeObserver(resizeAll);
  queueMicrotask(() => { const m = document.getElementById('main'); if (m) ro.observe(m); });
}
window.addEventListener('beforeprint', () => { drawAll(); resizeAll(); });

/** Shared bits of chart options. */
export const axisName = (name, extra = {}) => ({ name, nameLocation: 'middle', nameGap: 30, ...extra });
export const baseGrid = (extra = {}) => ({ left: 56, right: 20, top: 36, bottom: 48, containLabel: false, ...extra });
export const anim = { animationDuration: 450, animationDurationUpdate: 300 };

/** An ECharts tree from refnet's flat tree format: nodes [{id, parent (index or -1), t}]. */
export function nestTree(nodes, { label = (n) => n.id, maxNodes = 5000 } = {}) {
  const items = nodes.slice(0, maxNodes).map((n, i) => ({ name: label(n, i), value: n.t, raw: n, children: [] }));
  const gen = new Array(items.length).fill(0);
  let root = null;
  items.forEach((it, i) => {
    const p = it.raw.parent;
    if (p >= 0 && p < items.length && p !== i) {
      gen[i] = gen[p] + 1;
      items[p].children.push(it);
    } else if (!root) root = it;
  });
  items.forEach((it, i) => { it.gen = gen[i]; });
  return root;
}
