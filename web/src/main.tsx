import { hydrate, render } from 'preact';
import './styles.css';
import { App } from './app.js';
import { client, restorePageData } from './client.js';
import { ArticleListDocument, ArticlePageDocument } from './generated/graphql.js';
import { loadLabels } from './i18n.js';
import { routeOf } from './route.js';
import { readToken } from './translator.js';

// The page's data: the server's answers in the page, else asked for before the first render, so the
// request runs while the page is built (urql shares the answer with the components' identical queries).
const route = routeOf(window.location);
loadLabels();
restorePageData();
if (route.page === 'article') {
  client.query(ArticlePageDocument, { slug: route.slug, lang: route.lang }).toPromise();
  if (route.compare) client.query(ArticlePageDocument, { slug: route.slug, lang: route.compare }).toPromise();
} else if (route.page === 'list') client.query(ArticleListDocument, { lang: route.lang }).toPromise();

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
/** The installed faces the desk's fonts are (web/src/fonts-*.css lists them as local() sources too). */
const INSTALLED: Record<string, string[]> = {
  ko: ['Noto Sans KR', 'Noto Sans CJK KR'],
  'zh-Hans': ['Noto Sans SC', 'Noto Sans CJK SC'],
  'zh-Hant': ['Noto Sans TC', 'Noto Sans CJK TC'],
};
/** Latin letters too: every CJK font draws a Han character one em wide, a generic family or not. */
const SAMPLE: Record<string, string> = {
  ko: 'mmmmmmmmmmlli 한국어',
  'zh-Hans': 'mmmmmmmmmmlli 简体中文',
  'zh-Hant': 'mmmmmmmmmmlli 繁體中文',
};

/** True when one of the language's faces is installed: text measures differently in it than in a generic family. */
function installed(code: string): boolean {
  const context = document.createElement('canvas').getContext('2d');
  const sample = SAMPLE[code];
  if (!context || !sample) return false;
  const width = (font: string) => {
    context.font = font;
    return context.measureText(sample).width;
  };
  return (INSTALLED[code] ?? []).some((face) =>
    ['monospace', 'serif'].some((generic) => width(`40px "${face}", ${generic}`) !== width(`40px ${generic}`)),
  );
}

// The fonts, after the first render, and only where the reader's system does not have them (the
// stylesheets' hundreds of @font-face rules take the browser tens of milliseconds to read, and
// applying them lays the page out again): the page's own languages first, the others when idle.
requestAnimationFrame(() => {
  let sheets: Record<string, string> = {};
  try {
    sheets = JSON.parse(document.getElementById('desk-fonts')?.textContent ?? '{}') as Record<string, string>;
  } catch {}
  const link = (code: string) => {
    const href = sheets[code];
    if (!href || document.querySelector(`link[data-fonts="${code}"]`) || installed(code)) return;
    const element = Object.assign(document.createElement('link'), { rel: 'stylesheet', href });
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
