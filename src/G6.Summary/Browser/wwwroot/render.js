// Draws the state on the page. Only textContent is ever set from server data (never HTML), so a panel line
// cannot become markup; colour comes from data-tone attributes that style.css maps to each theme.
import { classify, panelTone, Tone } from './tones.js';

/** Words for screen readers and for anyone who cannot tell the colours apart; the gutter shows the short form. */
const toneText = {
  [Tone.bad]: { mark: '!!', words: 'act now: ' },
  [Tone.warning]: { mark: '!', words: 'look soon: ' },
  [Tone.info]: { mark: 'i', words: 'note: ' },
};

const badgeText = { [Tone.bad]: 'act now', [Tone.warning]: 'look soon' };

// A panel this wide in characters gets two grid columns on a wide screen (indices, alerts) rather than scrolling.
const WIDE_LINE_CHARS = 60;

export class PanelView {
  constructor(container) {
    this.container = container;
    /** key -> {section, heading, badge, list, hash} */
    this.sections = new Map();
  }

  /**
   * Shows exactly the panels held, in their order: new ones are added, changed ones redrawn, gone ones
   * removed. Panels whose hash did not change are left alone, so nothing on screen jumps needlessly.
   */
  show(panels) {
    for (const [key, view] of this.sections) {
      if (!panels.has(key)) {
        view.section.remove();
        this.sections.delete(key);
      }
    }

    let previous = null;
    for (const [key, panel] of panels) {
      let view = this.sections.get(key);
      if (!view) {
        view = this.create(key);
        this.sections.set(key, view);
      }

      if (view.hash !== panel.hash) this.fill(view, key, panel);
      const expected = previous ? previous.nextSibling : this.container.firstChild;
      if (expected !== view.section) this.container.insertBefore(view.section, expected);
      previous = view.section;
    }
  }

  create(key) {
    const section = document.createElement('section');
    section.className = 'panel';
    section.dataset.key = key;
    const headingId = `panel-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    section.setAttribute('aria-labelledby', headingId);
    const heading = document.createElement('h3');
    heading.id = headingId;
    const title = document.createElement('span');
    title.className = 'panel-title';
    const badge = document.createElement('span');
    badge.className = 'badge';
    heading.append(title, badge);
    const list = document.createElement('ul');
    list.className = 'lines';
    section.append(heading, list);
    return { section, title, badge, list, hash: null };
  }

  fill(view, key, panel) {
    view.hash = panel.hash;
    view.title.textContent = panel.title;
    const tone = panelTone(key, panel.lines);
    view.section.dataset.tone = tone;
    view.badge.textContent = badgeText[tone] ?? '';
    view.badge.hidden = !badgeText[tone];
    view.section.classList.toggle('wide', panel.lines.some((line) => line.length > WIDE_LINE_CHARS));

    const items = panel.lines.map((line) => {
      const item = document.createElement('li');
      const lineTone = classify(key, line);
      item.dataset.tone = lineTone;
      const mark = document.createElement('span');
      mark.className = 'mark';
      mark.setAttribute('aria-hidden', 'true');
      mark.textContent = toneText[lineTone]?.mark ?? '';
      item.append(mark);
      if (toneText[lineTone]) {
        const words = document.createElement('span');
        words.className = 'visually-hidden';
        words.textContent = toneText[lineTone].words;
        item.append(words);
      }

      const text = document.createElement('span');
      text.className = 'text';
      text.textContent = line;
      item.append(text);
      return item;
    });
    view.list.replaceChildren(...items);
  }
}

/** "0.4 s", "12 s", "3m 05s", "2h 10m": precise while it matters, coarse once it does not (as the terminal). */
export function formatAge(ms) {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.floor(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${String(Math.floor(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
}
