// The browser dashboard: follows /summary/events with EventSource, applies and verifies every event
// (state.js), resyncs when the state cannot be trusted, signs in when the server asks for a token, and
// draws the panels, the header and the health chart. Plain ES modules with no build step: the service
// embeds these files as they are, so what is reviewed is what runs, and nothing but a browser is needed.
import { HealthChart } from './chart.js';
import { createHasher } from './hashing.js';
import { formatAge, PanelView } from './render.js';
import { Reasons, SummaryState } from './state.js';

// A panel subset from the page's own address (?panels=indices,alerts): the server then sends only those
// panels, with a digest over them, and skips events that change none of them. Keys that are not [a-z_]+
// are dropped here, so nothing else ends up in the request.
const SUBSET = (new URLSearchParams(location.search).get('panels') ?? '')
  .split(',').map((key) => key.trim()).filter((key) => /^[a-z_]+$/.test(key));
const SUBSET_QUERY = SUBSET.length > 0 ? `?panels=${SUBSET.join(',')}` : '';

// Relative addresses: the page works at the root of any origin, and behind a proxy that maps a prefix.
const EVENTS_URL = `summary/events${SUBSET_QUERY}`;
const RESYNC_URL = `summary/resync${SUBSET_QUERY}`;
const SESSION_URL = 'summary/session';

const EVENT_NAMES = ['hello', 'full_snapshot', 'panel_update', 'panel_diff', 'heartbeat', 'truncated', 'error', 'bye', 'message'];

/** The header's words and tones, as docs/terminal_dash.md defines the states. */
const CONNECTION = {
  connecting: { word: 'CONNECTING', tone: 'warning' },
  live: { word: 'LIVE', tone: 'good' },
  stale: { word: 'STALE', tone: 'warning' },
  reconnecting: { word: 'RECONNECTING', tone: 'warning' },
  restarting: { word: 'SERVER RESTARTING', tone: 'warning' },
  unauthorized: { word: 'UNAUTHORIZED', tone: 'bad' },
};

// The stream does not say how long a cycle is; like the terminal, assume 1 s (3 heartbeat periods of silence).
const CYCLE_MS_ASSUMED = 1000;
const STALE_PERIODS = 3;

// Refusals the page cannot fix by retrying soon (401, 403) are retried at most this often.
const REFUSED_RETRY_MS = 30_000;
const MAX_BACKOFF_MS = 60_000;

const TICK_MS = 250;
const CHART_EVERY_TICKS = 4;

const $ = (id) => document.getElementById(id);

const hasher = createHasher();
let state = new SummaryState(hasher, { subset: SUBSET.length > 0 });
const panelView = new PanelView($('panels'));
const chart = new HealthChart($('chart'), $('chart-text'));

const page = {
  connection: 'connecting',
  source: null,
  /** Bumped whenever a stream is dropped: events and answers of an older stream are ignored. */
  generation: 0,
  lastEventAt: null,
  staleAfterMs: STALE_PERIODS * 5 * CYCLE_MS_ASSUMED,
  problem: null,
  resyncNote: null,
  resyncs: 0,
  opens: 0,
  attempts: 0,
  retryTimer: null,
  session: null,
  ticks: 0,
};

// Events are applied one at a time, in order: hashing is asynchronous, and a resync must finish before
// the next event is looked at (as the .NET client reads no further while it resyncs).
let chain = Promise.resolve();
function enqueue(task) {
  chain = chain.then(task).catch((error) => {
    // A bug of the page, not of the stream: say so on the page, start again from a fresh snapshot.
    page.problem = `the page failed (${error?.name ?? 'error'}); reconnecting`;
    state.invalidate();
    reconnectLater(backoff());
  });
}

function setConnection(connection, problem) {
  page.connection = connection;
  if (problem !== undefined) page.problem = problem;
  if (connection === 'live') {
    page.problem = null;
    page.attempts = 0;
  }

  drawHeader();
}

function backoff() {
  // Between half and all of min(60 s, 1 s x 2^n): spreads a crowd of pages after an outage.
  const ceiling = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(page.attempts, 16));
  page.attempts += 1;
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function dropStream() {
  clearTimeout(page.retryTimer);
  page.generation += 1;
  if (page.source) page.source.close();
  page.source = null;
}

/** Opens the stream. The browser itself reconnects after network errors, resuming with Last-Event-ID. */
function connect() {
  dropStream();
  const generation = page.generation;
  const source = new EventSource(EVENTS_URL);
  page.source = source;
  source.addEventListener('open', () => {
    if (generation !== page.generation) return;
    page.opens += 1;
    page.lastEventAt = Date.now();
    drawHeader();
  });
  for (const name of EVENT_NAMES) {
    source.addEventListener(name, (event) => onEvent(generation, source, name, event));
  }
}

function reconnectLater(delay) {
  dropStream();
  page.retryTimer = setTimeout(connect, delay);
  drawHeader();
}

function onEvent(generation, source, name, event) {
  if (generation !== page.generation) return;

  // "error" is both the server's event of that name (a MessageEvent with data) and EventSource's own
  // signal that the connection failed (a plain Event).
  if (name === 'error' && !(event instanceof MessageEvent)) {
    onConnectionError(generation, source);
    return;
  }

  const at = Date.now();
  page.lastEventAt = at;
  let data;
  try {
    data = JSON.parse(event.data);
  } catch {
    data = undefined;
  }

  chart.record(at, data?.ts);
  enqueue(() => handle(generation, name, data));
}

function onConnectionError(generation, source) {
  // Read now (it changes as the browser retries), acted on in turn: a stream's last events (a bye) are
  // still queued when its end is signalled, and must be handled first.
  const closed = source.readyState === EventSource.CLOSED;
  enqueue(() => {
    if (generation !== page.generation) return undefined;
    if (closed) {
      // The server answered with something other than a stream (401, 403, 429, 503, 404): EventSource
      // gives up and does not say which, so ask the same question of resync, which answers the same way.
      return probe(generation);
    }

    // Network error or the stream ended: EventSource retries after the server's retry delay by itself.
    // Each failed retry says so again; the first explanation (a restart, say) is the one worth keeping.
    const explained = page.connection === 'restarting' || page.connection === 'reconnecting';
    setConnection('reconnecting', explained && page.problem ? page.problem : 'the connection was lost; retrying');
    return undefined;
  });
}

async function handle(generation, name, data) {
  if (generation !== page.generation) return;
  if (data === undefined) {
    state.invalidate();
    await resync('malformed', generation);
    return;
  }

  const result = await state.apply(name, data);
  if (generation !== page.generation) return;
  if (name === 'hello' && state.hello) {
    const cycles = Number.isSafeInteger(state.hello.heartbeat_cycles) && state.hello.heartbeat_cycles > 0 ? state.hello.heartbeat_cycles : 5;
    page.staleAfterMs = STALE_PERIODS * cycles * CYCLE_MS_ASSUMED;
  }

  switch (result.outcome) {
    case 'applied':
      drawPanels();
      if (state.synchronized) setConnection('live');
      else drawHeader();
      break;
    case 'restart':
      setConnection('restarting', `server restarting (${result.detail}); the page reconnects by itself`);
      break;
    case 'resync':
      drawPanels();
      await resync(result.reason, generation);
      break;
    default:
      break;
  }
}

async function resync(reason, generation) {
  page.problem = `resyncing after ${Reasons[reason] ?? reason}`;
  drawHeader();
  let response;
  try {
    response = await fetch(RESYNC_URL, { cache: 'no-store', credentials: 'same-origin' });
  } catch {
    return resyncFailed(generation, 'resync failed: cannot reach the server; reconnecting for a snapshot');
  }

  if (generation !== page.generation) return undefined;
  if (response.status === 401) return needSignIn('HTTP 401: the session expired or the token was removed');
  if (!response.ok) return resyncFailed(generation, `resync failed: HTTP ${response.status}; reconnecting for a snapshot`);

  let body;
  try {
    body = await response.json();
  } catch {
    return resyncFailed(generation, 'resync failed: unreadable answer; reconnecting for a snapshot');
  }

  // Behind a balancer that sends resync to one node and the stream to another with its own event log,
  // the two would never agree; only a new stream's snapshot can be trusted then.
  if (state.hello && body?.epoch !== state.hello.epoch) {
    return resyncFailed(generation, 'resync answered for another epoch (a restart or another node); reconnecting for a snapshot');
  }

  const result = await state.applyResync(body);
  if (generation !== page.generation) return undefined;
  if (result.outcome !== 'applied') {
    return resyncFailed(generation, `resync failed: ${Reasons[result.reason] ?? result.reason}; reconnecting for a snapshot`);
  }

  page.resyncs += 1;
  page.resyncNote = `resynced after ${Reasons[reason] ?? reason} at ${clock(Date.now())}`;
  drawPanels();
  setConnection('live');
  return undefined;
}

function resyncFailed(generation, problem) {
  if (generation !== page.generation) return;
  state.invalidate();
  page.problem = problem;
  page.connection = 'reconnecting';
  reconnectLater(backoff());
}

async function probe(generation) {
  if (generation !== page.generation) return;
  let response;
  try {
    response = await fetch(RESYNC_URL, { cache: 'no-store', credentials: 'same-origin' });
  } catch {
    setConnection('reconnecting', 'cannot connect');
    reconnectLater(backoff());
    return;
  }

  if (generation !== page.generation) return;
  const line = response.ok ? '' : (await response.text().catch(() => '')).trim().slice(0, 120);
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  switch (response.status) {
    case 401:
      needSignIn('HTTP 401: token missing or wrong, or the session expired');
      return;
    case 403:
      setConnection('unauthorized', "HTTP 403: refused by the server's allow lists");
      reconnectLater(REFUSED_RETRY_MS);
      return;
    case 429:
    case 503:
      setConnection('reconnecting', `HTTP ${response.status}: ${line || 'try again later'}`);
      reconnectLater(Math.max(Number.isFinite(retryAfter) ? retryAfter * 1000 : 0, backoff()));
      return;
    default:
      setConnection('reconnecting', response.ok
        ? 'the server refused the stream; retrying'
        : `HTTP ${response.status}: ${line || 'the stream is not available'}`);
      reconnectLater(response.status === 404 ? REFUSED_RETRY_MS : backoff());
  }
}

// ---- sign-in -------------------------------------------------------------------------------------------

function needSignIn(problem) {
  dropStream();
  page.session = null;
  setConnection('unauthorized', problem);
  $('signin').hidden = false;
  $('token').focus();
}

async function signIn(event) {
  event.preventDefault();
  const input = $('token');
  const token = input.value.trim();

  // The browser refuses to send other characters in a header (and the server accepts no others).
  if (!/^[\x21-\x7e]+$/.test(token)) {
    signInError('A token is made of visible ASCII characters only, with no spaces.');
    return;
  }

  signInError(null);
  let response;
  try {
    // In a header, never in the address: addresses end up in histories, proxy logs and Referer headers.
    response = await fetch(SESSION_URL, { method: 'POST', headers: { 'X-API-Token': token }, cache: 'no-store', credentials: 'same-origin' });
  } catch {
    signInError('Cannot reach the server. Try again in a moment.');
    return;
  } finally {
    input.value = '';
  }

  if (response.ok) {
    showSession(await response.json().catch(() => null));
    $('signin').hidden = true;
    state = new SummaryState(hasher, { subset: SUBSET.length > 0 });
    setConnection('connecting', null);
    connect();
    return;
  }

  const retryAfter = response.headers.get('Retry-After');
  signInError(response.status === 401 ? 'That token was not accepted. Check it and try again.'
    : response.status === 403 ? "This address or browser is not allowed by the server's allow lists."
      : response.status === 429 ? `Too many attempts. Wait ${retryAfter ?? 'a few'} s and try again.`
        : `Sign-in failed: HTTP ${response.status}.`);
  input.focus();
}

function signInError(text) {
  const error = $('signin-error');
  error.textContent = text ?? '';
  error.hidden = !text;
}

async function signOut() {
  try {
    await fetch(SESSION_URL, { method: 'DELETE', cache: 'no-store', credentials: 'same-origin' });
  } catch {
    // The cookie stays until it expires; the page stops using it all the same.
  }

  // Nothing of the summary stays on a screen that someone signed out of.
  state = new SummaryState(hasher, { subset: SUBSET.length > 0 });
  drawPanels();
  needSignIn('signed out');
}

function showSession(session) {
  page.session = session?.active ? session : null;
  drawHeader();
}

// ---- drawing -------------------------------------------------------------------------------------------

function clock(ms) {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

function drawPanels() {
  panelView.show(state.panels);
}

/**
 * Changes text only when it differs: the state is a live region, and rewriting it with the same words on
 * every event would have screen readers announce it again each time.
 */
function setText(id, text) {
  const node = $(id);
  const value = String(text);
  if (node.textContent !== value) node.textContent = value;
  return node;
}

function drawHeader() {
  const { word, tone } = CONNECTION[page.connection];
  const stateNode = $('state');
  stateNode.dataset.tone = tone;
  stateNode.dataset.state = page.connection;
  setText('state-word', word);
  document.title = `${word} · G6 summary`;

  setText('server', state.hello?.server_version ?? '—');
  setText('epoch', state.epoch ?? state.hello?.epoch ?? '—');
  setText('cycle', state.cycle ?? '—');
  setText('verified', state.synchronized ? `digest ok (${hasher.kind})` : 'not verified').dataset.tone = state.synchronized ? 'normal' : 'warning';

  const signedIn = page.session !== null;
  $('signout').hidden = !signedIn;
  $('session-fact').hidden = !signedIn;
  setText('session', signedIn && page.session.expires ? `until ${clock(page.session.expires)}` : '—');

  drawAge();
  drawNotice();
  const subset = SUBSET.length > 0 ? ` · panels ${SUBSET.join(', ')}` : '';
  setText('counters', `seq ${state.seq} · resyncs ${page.resyncs} · reconnects ${Math.max(0, page.opens - 1)}${subset}`);
}

function drawAge() {
  const age = $('age');
  if (page.lastEventAt === null) {
    setText('age', 'never');
    age.dataset.tone = 'muted';
    return;
  }

  const ms = Date.now() - page.lastEventAt;
  setText('age', `${formatAge(ms)} ago`);
  age.dataset.tone = ms >= page.staleAfterMs ? 'bad' : 'normal';
}

function drawNotice() {
  const notice = $('notice');
  let text = null;
  let tone = 'muted';
  if (page.connection !== 'live' && page.problem) {
    text = page.problem;
    tone = page.connection === 'unauthorized' ? 'bad' : 'warning';
  } else if (state.lastError?.message) {
    text = `server: ${state.lastError.message}`;
    tone = 'warning';
  } else if (page.resyncNote) {
    text = page.resyncNote;
  }

  setText('notice', text ?? '');
  notice.dataset.tone = tone;
  notice.hidden = text === null;
}

function tick() {
  page.ticks += 1;
  if (page.lastEventAt !== null && page.source) {
    const silent = Date.now() - page.lastEventAt;
    if (page.connection === 'live' && silent >= page.staleAfterMs) setConnection('stale');
    if (page.connection === 'stale' && silent >= 2 * page.staleAfterMs) {
      // A stream that says nothing for this long is held by a proxy or a stuck server; start afresh.
      page.problem = `no event for ${formatAge(silent)}; reconnecting`;
      page.connection = 'reconnecting';
      page.lastEventAt = Date.now();
      connect();
    }
  }

  drawAge();
  if (page.ticks % CHART_EVERY_TICKS === 0) chart.draw(Date.now());
}

// ---- start ---------------------------------------------------------------------------------------------

async function start() {
  $('signin-form').addEventListener('submit', signIn);
  $('signout').addEventListener('click', signOut);
  drawHeader();
  chart.draw(Date.now());
  setInterval(tick, TICK_MS);

  // Asking first spares a token-protected server a refused stream (and its audit line) on every visit.
  try {
    const response = await fetch(SESSION_URL, { cache: 'no-store', credentials: 'same-origin' });
    const session = response.ok ? await response.json() : null;
    if (session?.required && !session.active) {
      needSignIn('this server asks for a token');
      return;
    }

    showSession(session);
  } catch {
    // Not reachable yet: the stream's own retries take over.
  }

  connect();
}

start();
