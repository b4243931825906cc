// What a panel line means, read back out of its text: the same rules and thresholds as the terminal
// dashboard (src/G6.Summary.Cli/Dashboard/PanelTones.cs, docs/terminal_dash.md "Colours"). The protocol
// carries no styling, so both dashboards recognise the few things an operator must not miss. The browser
// tests run every line of every status fixture through both and require the same answer.

export const Tone = Object.freeze({ normal: 'normal', good: 'good', info: 'info', warning: 'warning', bad: 'bad', muted: 'muted' });

/** Data quality below 80 % is bad (the platform raises a warning alert there); below 90 % deserves a look. */
const DQ_BAD_BELOW = 80;
const DQ_WARN_BELOW = 90;
/** Success rates: one attempt in five failing is bad; below 95 % deserves a look. */
const RATE_BAD_BELOW = 80;
const RATE_WARN_BELOW = 95;
/** CPU of the platform process: no headroom from 90 %, a look from 75 %. */
const CPU_BAD_FROM = 90;
const CPU_WARN_FROM = 75;

const FAILED_LINE = 'panel unavailable: build failed';
const DASH = '\u2014';

const rank = { [Tone.bad]: 3, [Tone.warning]: 2, [Tone.info]: 1 };

/** The worse of two tones (bad over warning over info over the rest). */
export const worst = (a, b) => ((rank[a] ?? 0) >= (rank[b] ?? 0) ? a : b);

/** The tone of one line of the panel with this key. */
export function classify(key, line) {
  if (line === FAILED_LINE) return Tone.bad;
  switch (key) {
    case 'header':
      return line.startsWith('Market:') && line.toLowerCase().includes('closed') ? Tone.info : Tone.normal;
    case 'loop':
      return rateTone(line, 'Success rate:');
    case 'performance':
      return rateTone(line, 'API success rate:');
    case 'indices':
      return indexRowTone(line);
    case 'alerts':
      return alertTone(line);
    case 'resources':
      return cpuTone(line);
    case 'health':
      return healthTone(line);
    default:
      return Tone.normal;
  }
}

/** The tone of a panel's border: its worst line, except that information (market closed) is not an alarm. */
export function panelTone(key, lines) {
  const tone = lines.reduce((acc, line) => worst(acc, classify(key, line)), Tone.normal);
  return tone === Tone.info ? Tone.normal : tone;
}

function number(text) {
  const trimmed = text.trim().replace(/%$/, '').replaceAll(',', '');
  // Like .NET's invariant double parsing of the same text: a plain decimal number, optionally signed, or nothing.
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed) ? Number(trimmed) : null;
}

function rateTone(line, label) {
  if (!line.startsWith(label)) return Tone.normal;
  const rate = number(line.slice(label.length));
  if (rate === null) return Tone.normal;
  return rate < RATE_BAD_BELOW ? Tone.bad : rate < RATE_WARN_BELOW ? Tone.warning : Tone.normal;
}

function cpuTone(line) {
  if (!line.startsWith('CPU:')) return Tone.normal;
  const cpu = number(line.slice(4));
  if (cpu === null) return Tone.normal;
  return cpu >= CPU_BAD_FROM ? Tone.bad : cpu >= CPU_WARN_FROM ? Tone.warning : Tone.normal;
}

// "Index LTP Chg% Status Age Legs DQ% Issues": the age may be two words ("5m 03s"), so the status is
// taken fourth from the left and DQ% second from the right.
function indexRowTone(line) {
  const cells = line.split(' ').filter((c) => c.length > 0);
  if (cells.length < 8 || cells[0] === 'Index') return Tone.normal;
  let tone = statusTone(cells[3]);
  const dq = number(cells[cells.length - 2]);
  if (dq !== null) tone = worst(tone, dq < DQ_BAD_BELOW ? Tone.bad : dq < DQ_WARN_BELOW ? Tone.warning : Tone.normal);
  return tone;
}

function statusTone(status) {
  switch (status.toLowerCase()) {
    case 'ok': case 'live': case 'open': case 'active': case 'healthy': case 'up': case 'ready': case DASH:
      return Tone.normal;
    case 'closed':
      return Tone.info;
    case 'error': case 'failed': case 'fail': case 'failing': case 'down': case 'dead': case 'unhealthy': case 'critical':
      return Tone.bad;
    default:
      return Tone.warning; // warn, stale, degraded, delayed, and anything the platform adds later
  }
}

// "<date> <time>Z SEVERITY[ INDEX:] message", or "— SEVERITY …" when the alert had no time.
function alertTone(line) {
  const cells = splitWords(line, 4);
  let severity = null;
  if (line.startsWith(DASH) && cells.length >= 2) severity = cells[1];
  else if (/^\d/.test(line) && cells.length >= 3) severity = cells[2];
  if (severity === 'CRITICAL' || severity === 'ERROR') return Tone.bad;
  if (severity === 'WARNING' || severity === 'WARN') return Tone.warning;
  return Tone.normal;
}

function healthTone(line) {
  if (line.startsWith('Readiness:')) return line.includes('not ready') ? Tone.bad : Tone.normal;
  if (line.startsWith('Auth:')) return line.includes('invalid') ? Tone.bad : Tone.normal;
  if (line.startsWith('Provider:') || line.startsWith('Latency:') || line.startsWith('Components:')) return Tone.normal;
  // "<component>: <status>[ (checked …)]"
  const colon = line.indexOf(': ');
  if (colon < 0) return Tone.normal;
  return statusTone(line.slice(colon + 2).split(' ', 1)[0]);
}

// Like .NET's Split(' ', count, RemoveEmptyEntries): at most `count` words, the last one keeping the rest.
function splitWords(line, count) {
  const words = [];
  let rest = line.replace(/^ +/, '');
  while (rest.length > 0 && words.length < count - 1) {
    const space = rest.indexOf(' ');
    if (space < 0) break;
    words.push(rest.slice(0, space));
    rest = rest.slice(space).replace(/^ +/, '');
  }

  if (rest.length > 0) words.push(rest);
  return words;
}
