import { hydrate, render } from 'preact';
import './styles.css';
import { App } from './app.js';
import { ask, client, restorePageData } from './client.js';
import { loadLabels } from './i18n.js';
import { pageQueries, routeOf } from './route.js';
import { readToken } from './translator.js';

// The page's data: the server's answers in the page, else asked for before the first render, so the
// request runs while the page is built (urql shares the answer with the components' identical queries).
const route = routeOf(window.location);
loadLabels();
restorePageData();
ask(client, pageQueries(route));

const root = document.getElementById('app');
if (root?.dataset.ssr !== undefined && !readToken()) {
  // The server rendered the page from the same answers: the browser paints it first (a frame, then
  // a task), and then it comes alive where it stands. (A translator's tab draws its own: the server
  // drew it read-only.)
  requestAnimationFrame(() => setTimeout(() => hydrate(<App route={route} client={client} />, root), 0));
} else if (root) {
  root.textContent = '';
  render(<App route={route} client={client} />, root);
}
/** Latin letters too: every CJK font draws a Han character one em wide, a generic family or not. */
const SAMPLE: Record<string, string> = {
  ko: 'mmmmmmmmmmlli 한국어',
  'zh-Hans': 'mmmmmmmmmmlli 简体中文',
  'zh-Hant': 'mmmmmmmmmmlli 繁體中文',
};

/** True when one of these faces is installed: text measures differently in it than in a generic family. */
function installed(code: string, families: string[]): boolean {
  const context = document.createElement('canvas').getContext('2d');
  const sample = SAMPLE[code];
  if (!context || !sample) return false;
  const width = (font: string) => {
    context.font = font;
    return context.measureText(sample).width;
  };
  return families.some((face) =>
    ['monospace', 'serif'].some((generic) => width(`40px "${face}", ${generic}`) !== width(`40px ${generic}`)),
  );
}

// The fonts, after the first render, and only where the reader's system does not have them (the
// stylesheets' hundreds of @font-face rules take the browser tens of milliseconds to read, and
// applying them lays the page out again): the page's own languages first, the others when idle.
requestAnimationFrame(() => {
  // By language: the stylesheet, and the families it serves as installed on a reader's system (scripts/build-desk.mjs).
  let sheets: Record<string, { href: string; families: string[] }> = {};
  try {
    sheets = JSON.parse(document.getElementById('desk-fonts')?.textContent ?? '{}');
  } catch {}
  const link = (code: string) => {
    const sheet = sheets[code];
    if (!sheet || document.querySelector(`link[data-fonts="${code}"]`) || installed(code, sheet.families)) return;
    const element = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: sheet.href });
    element.dataset.fonts = code;
    document.head.append(element);
  };
  const shown = [document.documentElement.lang, ...(route.page === 'article' ? [route.lang, route.compare] : [])];
  for (const code of shown) if (code) link(code);
  const later = () => {
    for (const code of Object.keys(sheets)) link(code);
  };
  if ('requestIdleCallback' in window) requestIdleCallback(later, { timeout: 2000 });
  else setTimeout(later, 500);
});
