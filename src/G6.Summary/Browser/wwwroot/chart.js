// The stream's health over the last ten minutes, drawn as SVG with no charting library: the page must be
// small, air-gapped and free of third-party code, and two series on one small chart need little more than
// a handful of rectangles and a polyline. Bars: events per minute in 10 s steps. Line: median receive
// latency per step (this page's clock minus the event's ts, so it includes any clock difference).

const SVG = 'http://www.w3.org/2000/svg';
const WINDOW_MS = 10 * 60 * 1000;
const STEP_MS = 10 * 1000;
const STEPS = WINDOW_MS / STEP_MS;

// Bounds memory on a very busy stream: ten minutes at 30 events a second.
const MAX_SAMPLES = 18000;

// Drawing area inside the 640 x 150 viewBox: room for axis labels left, right and below.
const LEFT = 70;
const RIGHT = 580;
const TOP = 10;
const BOTTOM = 124;

export class HealthChart {
  constructor(svg, text) {
    this.svg = svg;
    this.text = text;
    /** {at, latency} per event received, oldest first. */
    this.samples = [];
    this.layer = document.createElementNS(SVG, 'g');
    svg.append(this.layer);
  }

  record(at, ts) {
    const latency = typeof ts === 'number' && Number.isFinite(ts) ? Math.max(0, at - ts) : null;
    this.samples.push({ at, latency });
    if (this.samples.length > MAX_SAMPLES) this.samples.splice(0, this.samples.length - MAX_SAMPLES);
  }

  /** Redraws for the window ending at `now`. */
  draw(now) {
    const start = now - WINDOW_MS;
    while (this.samples.length > 0 && this.samples[0].at < start) this.samples.shift();

    const steps = Array.from({ length: STEPS }, () => ({ count: 0, latencies: [] }));
    for (const sample of this.samples) {
      const index = Math.min(STEPS - 1, Math.floor((sample.at - start) / STEP_MS));
      steps[index].count += 1;
      if (sample.latency !== null) steps[index].latencies.push(sample.latency);
    }

    const perMinute = steps.map((s) => s.count * (60_000 / STEP_MS));
    const medians = steps.map((s) => median(s.latencies));
    const maxRate = niceCeiling(Math.max(1, ...perMinute));
    const maxLatency = niceCeiling(Math.max(1, ...medians.filter((m) => m !== null)));

    const nodes = [];
    const width = (RIGHT - LEFT) / STEPS;
    const y = (value, max) => BOTTOM - (value / max) * (BOTTOM - TOP);
    nodes.push(line(LEFT, BOTTOM, RIGHT, BOTTOM, 'axis'));
    perMinute.forEach((rate, i) => {
      if (rate === 0) return;
      const top = y(rate, maxRate);
      nodes.push(rect(LEFT + i * width + 0.5, top, Math.max(1, width - 1), BOTTOM - top, 'bar'));
    });

    const points = medians
      .map((m, i) => (m === null ? null : [LEFT + (i + 0.5) * width, y(m, maxLatency)]))
      .filter((p) => p !== null);
    if (points.length > 1) {
      const polyline = document.createElementNS(SVG, 'polyline');
      polyline.setAttribute('points', points.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' '));
      polyline.setAttribute('class', 'latency');
      nodes.push(polyline);
    }

    // A dot per step as well: one step alone draws no line.
    for (const [px, py] of points) nodes.push(circle(px, py, 2.5, 'point'));

    nodes.push(label(LEFT - 6, TOP + 4, `${maxRate}/min`, 'end'));
    nodes.push(label(LEFT - 6, BOTTOM, '0', 'end'));
    nodes.push(label(RIGHT + 6, TOP + 4, formatMs(maxLatency), 'start'));
    nodes.push(label(RIGHT + 6, BOTTOM, '0', 'start'));
    nodes.push(label(LEFT, BOTTOM + 18, '10 min ago', 'start'));
    nodes.push(label(RIGHT, BOTTOM + 18, 'now', 'end'));
    this.layer.replaceChildren(...nodes);

    const lastMinute = this.samples.filter((s) => s.at >= now - 60_000);
    const latest = [...this.samples].reverse().find((s) => s.latency !== null);
    const minuteMedian = median(lastMinute.map((s) => s.latency).filter((l) => l !== null));
    this.text.textContent = this.samples.length === 0
      ? 'No events in the last 10 minutes.'
      : `Last minute: ${lastMinute.length} events, median latency ${minuteMedian === null ? '—' : formatMs(minuteMedian)}; `
        + `latest ${latest ? formatMs(latest.latency) : '—'}; ${this.samples.length} events in 10 minutes.`;
  }
}

function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** 1, 2 or 5 times a power of ten, at least `value`: axis tops that read at a glance. */
function niceCeiling(value) {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const factor of [1, 2, 5, 10]) {
    if (factor * power >= value) return factor * power;
  }

  return 10 * power;
}

function formatMs(ms) {
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s`;
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

function line(x1, y1, x2, y2, cls) {
  const node = document.createElementNS(SVG, 'line');
  for (const [name, value] of Object.entries({ x1, y1, x2, y2 })) node.setAttribute(name, value);
  node.setAttribute('class', cls);
  return node;
}

function rect(x, y, width, height, cls) {
  const node = document.createElementNS(SVG, 'rect');
  for (const [name, value] of Object.entries({ x, y, width, height })) node.setAttribute(name, value.toFixed(1));
  node.setAttribute('class', cls);
  return node;
}

function circle(cx, cy, r, cls) {
  const node = document.createElementNS(SVG, 'circle');
  for (const [name, value] of Object.entries({ cx, cy, r })) node.setAttribute(name, value.toFixed(1));
  node.setAttribute('class', cls);
  return node;
}

function label(x, y, text, anchor) {
  const node = document.createElementNS(SVG, 'text');
  node.setAttribute('x', x);
  node.setAttribute('y', y);
  node.setAttribute('text-anchor', anchor);
  node.setAttribute('class', 'label');
  node.textContent = text;
  return node;
}
