// What the page holds and how each event changes it: the same rules as the .NET client's SummaryState
// (src/G6.Summary.Client/State/SummaryState.cs), so the browser is as trustworthy as the terminal.
// No I/O here: apply() takes one parsed event and says what happened; app.js fetches /summary/resync
// when it answers "resync". Hashing is asynchronous (Web Crypto), so the owner must apply events one at a
// time, in order (app.js queues them).
import { digestOf, panelHash } from './hashing.js';

/** Why the state stopped being trustworthy; app.js words them for people. */
export const Reasons = Object.freeze({
  drift: 'a digest mismatch (drift)',
  hash: 'a panel that did not match its hash',
  gap: 'a gap in the stream',
  truncated: 'a truncated event',
  noSnapshot: 'an event without a verified state',
  malformed: 'an unreadable event',
});

const applied = (changed = []) => ({ outcome: 'applied', changed });
const ignored = (detail) => ({ outcome: 'ignored', changed: [], detail });

export class SummaryState {
  /** options.subset: the stream carries a panel subset, so seq gaps are expected (its digest decides). */
  constructor(hasher, options = {}) {
    this.hasher = hasher;
    this.subset = options.subset === true;
    /** key -> {hash, title, lines}, in the server's display order (insertion order of the last snapshot). */
    this.panels = new Map();
    this.epoch = null;
    this.seq = 0;
    this.cycle = null;
    this.ts = null;
    /** True when the panels are verified up to seq: the digest matched after the last event that carried one. */
    this.synchronized = false;
    this.hello = null;
    this.lastError = null;
  }

  /** Marks the state unverified; the panels stay on screen until a snapshot or resync replaces them. */
  invalidate() {
    this.synchronized = false;
  }

  digest() {
    return digestOf(this.hasher, this.panels);
  }

  /**
   * Applies one event: name and parsed data. Returns {outcome: 'applied'|'ignored'|'resync'|'restart',
   * changed: [keys], reason?, detail?}.
   */
  async apply(name, data) {
    if (data === null || typeof data !== 'object' || !Number.isSafeInteger(data.seq)) {
      return this.fail('malformed', `${name} without a seq`);
    }

    switch (name) {
      case 'hello':
        return this.applyHello(data);
      case 'full_snapshot':
        return this.applySnapshot(name, data, data.panels);
      case 'bye':
        return { outcome: 'restart', changed: [], detail: String(data.reason ?? 'no reason given') };
      case 'truncated':
        // The content of this seq is unknown, whatever the state; even a hello can be truncated.
        return data.seq <= this.seq && this.synchronized
          ? ignored(`truncated seq ${data.seq} is not after ${this.seq}`)
          : this.fail('truncated', `${data.original_event} seq ${data.seq} was ${data.bytes} bytes, over the limit of ${data.limit}`);
      default:
        break;
    }

    if (!this.synchronized) {
      return { outcome: 'resync', changed: [], reason: 'noSnapshot', detail: `${name} seq ${data.seq} arrived without a verified state` };
    }

    if (data.seq <= this.seq) {
      // A replay overlapping a resync, or a duplicate: already contained in the state.
      return ignored(`${name} seq ${data.seq} is not after ${this.seq}`);
    }

    switch (name) {
      case 'panel_update':
        return this.applyUpdate(name, data, Array.isArray(data.updates) ? data.updates : null);
      case 'panel_diff':
        return this.applyUpdate(name, data, data.panels && typeof data.panels === 'object'
          ? Object.entries(data.panels).map(([key, panel]) => ({ key, ...panel }))
          : null);
      case 'heartbeat':
        // May skip seqs on a throttled stream; its digest says whether we are still right.
        this.moved(data);
        return this.verify(name, data, []);
      default:
        // error and any event added later: they carry no digest, so a jump before them cannot be vouched for.
        if (data.seq !== this.seq + 1 && !this.subset) {
          return this.fail('gap', `expected seq ${this.seq + 1}, got ${name} seq ${data.seq}`);
        }

        if (name === 'error') this.lastError = data;
        this.moved(data);
        return applied();
    }
  }

  /** A /summary/resync body ({epoch, seq, cycle, ts, digest, panels}) is applied like a full snapshot. */
  async applyResync(body) {
    if (this.subset && body?.panels && typeof body.panels === 'object') {
      // A subset's resync carries the whole state's digest: the panels' hashes are still checked, and the
      // stream's next digest (over the subset) verifies the state again.
      const digest = await digestOf(this.hasher, new Map(Object.entries(body.panels)));
      return this.applySnapshot('resync', { ...body, digest }, body.panels);
    }

    return this.applySnapshot('resync', body, body?.panels);
  }

  async applyHello(hello) {
    this.hello = hello;
    if (hello.resumed === true && this.synchronized && hello.epoch === this.epoch) {
      // The server replays everything after our seq; its hello can be checked only if nothing was published meanwhile.
      if (hello.seq < this.seq) return this.fail('gap', `resumed at seq ${this.seq} but the server is at ${hello.seq}`);
      if (hello.seq === this.seq && hello.digest !== await this.digest()) {
        return this.fail('drift', `resumed at seq ${this.seq} with a different digest`);
      }

      return applied();
    }

    // A fresh stream: a full_snapshot follows, and until it arrives nothing can be verified.
    this.synchronized = false;
    return applied();
  }

  async applySnapshot(name, data, panels) {
    if (!panels || typeof panels !== 'object' || typeof data.digest !== 'string') {
      return this.fail('malformed', `${name} seq ${data.seq} has no panels or digest`);
    }

    const incoming = new Map();
    for (const [key, panel] of Object.entries(panels)) {
      if (!await this.valid(key, panel)) return this.fail('hash', `panel ${key} in ${name} seq ${data.seq} does not match its hash`);
      incoming.set(key, { hash: panel.hash, title: panel.title, lines: panel.lines });
    }

    const changed = [...incoming.keys()].filter((key) => this.panels.get(key)?.hash !== incoming.get(key).hash);
    changed.push(...[...this.panels.keys()].filter((key) => !incoming.has(key)));

    // Replaced whole, never merged: after a restart nothing of the old epoch may stay on screen.
    this.panels = incoming;
    this.epoch = data.epoch ?? this.epoch;
    this.moved(data);
    return this.verify(name, data, changed);
  }

  async applyUpdate(name, data, updates) {
    if (!updates) return this.fail('malformed', `${name} seq ${data.seq} has no panels`);

    // On a throttled stream one update stands for several (coalesced: N); the digest then decides.
    if (data.seq !== this.seq + 1 && data.coalesced == null && !this.subset) {
      return this.fail('gap', `expected seq ${this.seq + 1}, got ${name} seq ${data.seq}`);
    }

    for (const update of updates) {
      if (!await this.valid(update?.key, update)) {
        return this.fail('hash', `panel ${update?.key} in ${name} seq ${data.seq} does not match its hash`);
      }
    }

    const changed = [];
    for (const { key, hash, title, lines } of updates) {
      if (this.panels.get(key)?.hash !== hash) changed.push(key);
      this.panels.set(key, { hash, title, lines });
    }

    this.moved(data);
    return this.verify(name, data, changed);
  }

  async valid(key, panel) {
    return typeof key === 'string' && panel && typeof panel.title === 'string' && typeof panel.hash === 'string'
      && Array.isArray(panel.lines) && panel.lines.every((line) => typeof line === 'string')
      && await panelHash(this.hasher, key, panel) === panel.hash;
  }

  moved(data) {
    this.seq = data.seq;
    this.cycle = data.cycle ?? this.cycle;
    this.ts = data.ts ?? this.ts;
  }

  async verify(name, data, changed) {
    if (await this.digest() !== data.digest) {
      this.synchronized = false;
      return { outcome: 'resync', changed, reason: 'drift', detail: `digest differs from the server's after ${name} seq ${data.seq}` };
    }

    this.synchronized = true;
    return applied(changed);
  }

  fail(reason, detail) {
    this.synchronized = false;
    return { outcome: 'resync', changed: [], reason, detail };
  }
}
