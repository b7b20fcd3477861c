// What a browser really loads for each DropIt page: the code (WASM, JS, CSS) on the wire, its
// number of requests, and the time until the page is interactive (`body[data-hydrated]`).
//
//   node end2end/page-weight.mjs [--base URL] [--json FILE] [--check] [--runs N]
//                                [--max-kb 250] [--max-requests 20] [--only ROUTE-REGEX] [--list]
//
// --runs N loads each page N times and keeps the load with the median time; --only measures
// the routes matching a regular expression (then with --check the rest is not checked);
// --list prints the pages it would open, with their ids, as JSON, and measures nothing.
//
// The demo club must exist (`DROPIT_DEMO=true`); `scripts/page-weight.sh` starts a release
// server on a throw-away database and runs this script against it.
//
// Every route of the app (`app/src/lib.rs`) is opened as the demo coach and the demo athlete
// (the login, sign-up and invitation pages also anonymously; the club's admin pages also as the
// demo owner, since the coach only sees their refusal). Routes with an id take a real one,
// found by following the links of the list pages (first athlete, first exercise, first
// complex); the invitation page gets a fresh invitation of the demo club.
//
// Each page is loaded in a fresh browser context: cold HTTP cache, new connections, only the
// session cookie of a login done in another context. Chromium reports, through the DevTools
// protocol, every response's bytes on the wire (`Network.loadingFinished.encodedDataLength`:
// compressed body plus response headers), its Content-Encoding and what started it. Code is
// every JS, WASM and CSS response. The page is interactive when the app's HydrationMark island
// sets `data-hydrated` on the body (an observer installed before any page script notes
// `performance.now()`, i.e. milliseconds since the navigation started); the script then waits
// until the network has been quiet for QUIET_MS, so chunks fetched after that moment count too.
//
// Sizes are in KB of 1000 bytes. With --check, the script exits with 1 when a page loads more
// than --max-kb of code or makes more than --max-requests code requests, when a route of the
// app is not measured, or when a page does not hydrate. Times are reported, never gated.
import { chromium } from 'playwright-core';
import chromiumSettings from './chromium.cjs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const options = {
  base: 'http://127.0.0.1:3000',
  json: null,
  check: false,
  list: false,
  only: null,
  runs: 1,
  maxKb: 250,
  maxRequests: 20,
};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  const value = () => {
    if (i + 1 >= argv.length) usage(`${arg} needs a value`);
    return argv[++i];
  };
  if (arg === '--base') options.base = value();
  else if (arg === '--json') options.json = value();
  else if (arg === '--check') options.check = true;
  else if (arg === '--list') options.list = true;
  else if (arg === '--only') options.only = new RegExp(value());
  else if (arg === '--runs') options.runs = positive(arg, value());
  else if (arg === '--max-kb') options.maxKb = positive(arg, value());
  else if (arg === '--max-requests') options.maxRequests = positive(arg, value());
  else if (arg === '--help' || arg === '-h') usage();
  else if (!arg.startsWith('-')) options.base = arg;
  else usage(`unknown option ${arg}`);
}
options.base = options.base.replace(/\/+$/, '');

function usage(problem) {
  if (problem) console.error(problem);
  console.error(
    'usage: node end2end/page-weight.mjs [--base URL] [--json FILE] [--check] [--runs N] ' +
      '[--max-kb 250] [--max-requests 20] [--only ROUTE-REGEX] [--list]',
  );
  process.exit(problem ? 2 : 0);
}
function positive(name, text) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) usage(`${name} takes a positive whole number`);
  return n;
}

const PASSWORD = 'dropit-demo';
const MEMBERS = ['coach', 'athlete'];
const HYDRATION_TIMEOUT_MS = 30_000;
const QUIET_MS = 500;
const SETTLE_TIMEOUT_MS = 15_000;

// Every route of `app/src/lib.rs`, with who opens it. An id in a route comes from `ids` below.
const PAGES = [
  ['/login', ['anonymous']],
  ['/signup', ['anonymous']],
  ['/invite/:token', ['anonymous', ...MEMBERS]],
  ['/', MEMBERS],
  ['/account', MEMBERS],
  ['/club', ['owner', ...MEMBERS]],
  ['/club/training', ['owner', ...MEMBERS]],
  ['/catalogue', MEMBERS],
  ['/catalogue/new', MEMBERS],
  ['/catalogue/exercises/:id', MEMBERS],
  ['/catalogue/exercises/:id/edit', MEMBERS],
  ['/catalogue/lists', MEMBERS],
  ['/catalogue/exchange', MEMBERS],
  ['/catalogue/complexes', MEMBERS],
  ['/catalogue/complexes/new', MEMBERS],
  ['/catalogue/complexes/:id', MEMBERS],
  ['/catalogue/complexes/:id/edit', MEMBERS],
  ['/workouts', MEMBERS],
  ['/workouts/new', MEMBERS],
  ['/workouts/:id', MEMBERS],
  ['/workouts/:id/edit', MEMBERS],
  ['/workouts/:id/print', MEMBERS],
  ['/planning', MEMBERS],
  ['/planning/new', MEMBERS],
  ['/planning/copy', MEMBERS],
  ['/planning/print', MEMBERS],
  ['/planning/sessions/:id', MEMBERS],
  ['/planning/sessions/:id/edit', MEMBERS],
  ['/athletes', MEMBERS],
  ['/athletes/new', MEMBERS],
  ['/athletes/groups', MEMBERS],
  ['/athletes/import', MEMBERS],
  ['/athletes/:id', MEMBERS],
  ['/athletes/:id/edit', MEMBERS],
];

// Where a route's id is found: the first link of a list page that matches.
const ID_SOURCES = {
  '/catalogue/exercises/': ['/catalogue', /^\/catalogue\/exercises\/(\d+)$/],
  '/catalogue/complexes/': ['/catalogue/complexes', /^\/catalogue\/complexes\/(\d+)$/],
  '/athletes/': ['/athletes', /^\/athletes\/(\d+)$/],
  '/workouts/': ['/workouts', /^\/workouts\/(\d+)$/],
  '/planning/sessions/': ['/planning', /^\/planning\/sessions\/(\d+)$/],
};

const problems = [];

// The app's routes must all be listed above, or the budget would miss a page.
const appRoutes = fileURLToPath(new URL('../app/src/lib.rs', import.meta.url));
if (existsSync(appRoutes)) {
  const known = new Set(PAGES.map(([route]) => route));
  for (const [, route] of readFileSync(appRoutes, 'utf8').matchAll(/path!\("([^"]*)"\)/g)) {
    if (!known.has(route)) problems.push(`route ${route} of the app is not measured: add it to PAGES in page-weight.mjs`);
  }
}

const browser = await chromium.launch(chromiumSettings.launchOptions);

try {
  await main();
} finally {
  await browser.close();
}

async function main() {
  const roles = [...new Set(PAGES.flatMap(([, who]) => who))];
  const sessions = { anonymous: undefined };
  const ids = {};
  for (const role of roles.filter((r) => r !== 'anonymous')) {
    const { context, page } = await logIn(role);
    sessions[role] = await context.storageState();
    ids[role] = await discoverIds(page);
    if (role === 'owner') ids.invite = await createInvitation(page);
    await context.close();
  }

  const visits = [];
  for (const [route, who] of PAGES) {
    for (const role of who) {
      const path = concretePath(route, role, ids);
      if (options.only && !options.only.test(route)) continue;
      if (path) visits.push({ route, role, path });
      else problems.push(`${route} as ${role}: found no id in the demo data to open it with`);
    }
  }
  if (options.list) {
    console.log(JSON.stringify(visits, null, 2));
    for (const p of problems) console.error(`warning: ${p}`);
    return;
  }

  console.error(`measuring ${visits.length} page loads, each in a fresh browser context…`);
  const results = [];
  const uncompressed = new Set();
  for (const visit of visits) {
    const runs = [];
    for (let run = 0; run < options.runs; run++) runs.push(await measure(visit.path, sessions[visit.role]));
    // The load with the median time stands for the page (one that never hydrated, if any).
    const ranked = [...runs].sort((a, b) => (a.hydratedMs ?? Infinity) - (b.hydratedMs ?? Infinity));
    const result = {
      ...visit,
      ...(ranked.at(-1).hydratedMs === null ? ranked.at(-1) : ranked[Math.floor((ranked.length - 1) / 2)]),
      hydratedMsRuns: runs.map((r) => r.hydratedMs),
    };
    results.push(result);
    if (result.hydratedMs === null) problems.push(`${visit.path} as ${visit.role}: never hydrated (${result.error ?? 'no data-hydrated'})`);
    for (const file of result.uncompressed) uncompressed.add(file);
    if (result.failed.length) problems.push(`${visit.path} as ${visit.role}: code requests failed: ${result.failed.join(', ')}`);
  }

  const offenders = results.filter((r) => r.code.wire > options.maxKb * 1000 || r.code.requests > options.maxRequests);
  printTable(results, offenders);
  printHeaviest(results);
  if (options.json) {
    const report = {
      measured: new Date().toISOString(),
      base: options.base,
      chromium: browser.version(),
      kb: 1000,
      budget: { maxKb: options.maxKb, maxRequests: options.maxRequests },
      runs: options.runs,
      pages: results,
      offenders: offenders.map(({ path, role }) => ({ path, role })),
      uncompressed: [...uncompressed],
      problems,
    };
    writeFileSync(options.json, JSON.stringify(report, null, 2) + '\n');
    console.log(`\nJSON written to ${options.json}`);
  }

  // Not gated (the bytes on the wire are what they are), but the precompressed files should be
  // what the server sends.
  if (uncompressed.size) console.error(`warning: code sent without compression: ${[...uncompressed].join(', ')}`);
  for (const p of problems) console.error(`warning: ${p}`);
  if (options.check) {
    const failures = [
      ...offenders.map(
        (r) => `${r.path} as ${r.role}: ${kb(r.code.wire)} KB in ${r.code.requests} code requests`,
      ),
      ...problems,
    ];
    if (failures.length) {
      console.error(
        `\npage weight over budget (at most ${options.maxKb} KB of code on the wire, 1 KB = 1000 bytes, ` +
          `and ${options.maxRequests} code requests per page), or pages not measured:`,
      );
      for (const f of failures) console.error(`  - ${f}`);
      process.exitCode = 1;
    } else {
      console.log(`\nevery page within budget (${options.maxKb} KB, ${options.maxRequests} code requests)`);
    }
  }
}

async function logIn(role) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${options.base}/login`);
  await page.locator('body[data-hydrated=true]').waitFor({ timeout: HYDRATION_TIMEOUT_MS });
  await page.fill('input[name=email]', `${role}@demo.dropit.club`);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('main form button[type=submit]');
  await page.waitForURL((u) => u.pathname !== '/login', { timeout: HYDRATION_TIMEOUT_MS });
  return { context, page };
}

async function discoverIds(page) {
  const found = {};
  for (const [prefix, [list, pattern]] of Object.entries(ID_SOURCES)) {
    await page.goto(`${options.base}${list}`);
    const hrefs = await page.$$eval('a[href]', (links) => links.map((a) => a.getAttribute('href')));
    for (const href of hrefs) {
      const match = new URL(href, options.base).pathname.match(pattern);
      if (match) {
        found[prefix] = match[1];
        break;
      }
    }
  }
  return found;
}

// A new invitation of the demo club (an athlete's), made by its owner: its link is random.
async function createInvitation(page) {
  const answer = await page.request.post(`${options.base}/api/invite`, {
    form: { email: `page-weight-${Date.now()}@club.test`, role: 'athlete' },
    headers: { Origin: options.base },
  });
  if (!answer.ok()) {
    problems.push(`could not create an invitation for /invite/:token: HTTP ${answer.status()}`);
    return null;
  }
  const { link } = await answer.json();
  return new URL(link).pathname.split('/').pop();
}

// The path to open for a route: its id from the role's own list pages, else from the coach's
// (a page the role may not open still loads a page).
function concretePath(route, role, ids) {
  if (route === '/invite/:token') return ids.invite ? `/invite/${ids.invite}` : null;
  if (!route.includes(':id')) return route;
  const prefix = Object.keys(ID_SOURCES).find((p) => route.startsWith(p));
  const id = ids[role]?.[prefix] ?? ids.coach?.[prefix];
  return id ? route.replace(':id', id) : null;
}

function codeKind(url, mime) {
  const { pathname } = new URL(url);
  if (pathname.endsWith('.wasm') || mime === 'application/wasm') return 'wasm';
  if (/\.m?js$/.test(pathname) || /javascript/.test(mime ?? '')) return 'js';
  if (pathname.endsWith('.css') || mime === 'text/css') return 'css';
  return null;
}

// One cold load of a page: what its code cost on the wire and when it became interactive.
async function measure(path, storageState) {
  const context = await browser.newContext({ storageState });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const note = () => {
      if (window.__pageWeightHydrated === undefined && document.body?.hasAttribute('data-hydrated')) {
        window.__pageWeightHydrated = performance.now();
      }
    };
    new MutationObserver(note).observe(document, {
      subtree: true,
      attributes: true,
      attributeFilter: ['data-hydrated'],
    });
  });
  const cdp = await context.newCDPSession(page);
  const requests = new Map();
  let inFlight = 0;
  let lastActivity = Date.now();
  const done = (r) => {
    if (r && !r.done) {
      r.done = true;
      inFlight--;
    }
    lastActivity = Date.now();
  };
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!/^https?:/.test(e.request.url)) return;
    const previous = requests.get(e.requestId);
    if (previous) done(previous); // a redirect: the same id goes on
    inFlight++;
    lastActivity = Date.now();
    requests.set(e.requestId, {
      url: e.request.url,
      type: e.type,
      start: previous?.start ?? e.timestamp,
      initiator: e.initiator,
      document: e.type === 'Document',
      wire: 0,
      decoded: 0,
      done: false,
    });
  });
  // The headers Chromium really sent (Accept-Encoding is added below the page's view).
  const sentEncodings = new Map();
  cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
    const header = Object.entries(e.headers).find(([k]) => k.toLowerCase() === 'accept-encoding');
    sentEncodings.set(e.requestId, header?.[1] ?? null);
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.fromCache = true;
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    r.status = e.response.status;
    r.mime = e.response.mimeType;
    r.encoding = headers['content-encoding'] ?? 'identity';
    r.headers = e.response.encodedDataLength; // the status line and headers, received so far
    if (e.response.fromDiskCache || e.response.fromPrefetchCache || e.response.fromServiceWorker) r.fromCache = true;
  });
  cdp.on('Network.dataReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.decoded += e.dataLength;
  });
  // A response ends loaded or failed; either way it is counted once, when it ends.
  const ended = (e, note) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    note(r);
    r.end = e.timestamp;
    done(r);
  };
  cdp.on('Network.loadingFinished', (e) => ended(e, (r) => { r.wire = e.encodedDataLength; }));
  cdp.on('Network.loadingFailed', (e) => ended(e, (r) => { r.failed = e.errorText; }));
  await cdp.send('Network.enable');

  let status = null;
  let landed = null; // where a redirection led
  let hydratedMs = null;
  let error = null;
  try {
    const response = await page.goto(`${options.base}${path}`, { timeout: HYDRATION_TIMEOUT_MS });
    status = response?.status() ?? null;
    const final = new URL(page.url());
    if (`${final.pathname}${final.search}` !== path) landed = `${final.pathname}${final.search}`;
    await page.locator('body[data-hydrated]').waitFor({ timeout: HYDRATION_TIMEOUT_MS });
    hydratedMs = Math.round(await page.evaluate(() => window.__pageWeightHydrated));
  } catch (e) {
    error = e.message.split('\n')[0];
  }
  // Chunks may still arrive after the mark (lazy islands hydrate on their own): wait for quiet.
  const settleBy = Date.now() + SETTLE_TIMEOUT_MS;
  while (Date.now() < settleBy && (inFlight > 0 || Date.now() - lastActivity < QUIET_MS)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const unsettled = inFlight > 0;
  await context.close();

  for (const [id, r] of requests) r.acceptEncoding = sentEncodings.get(id) ?? null;
  const all = [...requests.values()];
  const navigation = all.find((r) => r.document) ?? all[0];
  const t0 = navigation?.start ?? 0;
  const ms = (t) => (t === undefined ? null : Math.round((t - t0) * 1000));
  const code = all
    .map((r) => ({ ...r, kind: codeKind(r.url, r.mime) }))
    .filter((r) => r.kind && !r.fromCache);
  // How deep in the chain of discovery each code request is: 1 for what the HTML names, n + 1
  // for what a script at depth n asks for.
  const depthOf = new Map([[navigation?.url, 0]]);
  const initiatorUrls = (initiator) => {
    const urls = [];
    if (initiator?.url) urls.push(initiator.url);
    for (let stack = initiator?.stack; stack; stack = stack.parent) {
      for (const frame of stack.callFrames) if (frame.url) urls.push(frame.url);
    }
    return urls;
  };
  for (const r of code.sort((a, b) => a.start - b.start)) {
    const parents = initiatorUrls(r.initiator).map((u) => depthOf.get(u)).filter((d) => d !== undefined);
    r.depth = 1 + (parents.length ? Math.max(...parents) : 0);
    if (!depthOf.has(r.url)) depthOf.set(r.url, r.depth);
  }
  // Waves: the stretches of time in which some code request is in flight. A chain of
  // discoveries (a script that asks for more code once it runs) shows as several waves, with
  // the browser's work in the gaps between them.
  const waves = [];
  for (const r of code) {
    const wave = waves.at(-1);
    if (wave && r.start <= wave.end) {
      wave.end = Math.max(wave.end, r.end ?? r.start);
      wave.members.push(r);
    } else {
      waves.push({ start: r.start, end: r.end ?? r.start, members: [r] });
    }
  }
  for (const [i, wave] of waves.entries()) for (const r of wave.members) r.wave = i + 1;
  const totals = { wire: 0, headers: 0, decoded: 0, requests: 0 };
  const byKind = { wasm: { ...totals }, js: { ...totals }, css: { ...totals } };
  for (const r of code) {
    for (const sum of [byKind[r.kind], totals]) {
      sum.wire += r.wire;
      sum.headers += Math.min(r.headers ?? 0, r.wire);
      sum.decoded += r.decoded;
      sum.requests += 1;
    }
  }
  const ends = code.map((r) => r.end).filter((t) => t !== undefined);
  return {
    status,
    landed,
    hydratedMs,
    error: error ?? (unsettled ? `requests still running after ${SETTLE_TIMEOUT_MS} ms` : null),
    code: { ...totals, ...byKind },
    codeDoneMs: ends.length ? ms(Math.max(...ends)) : null,
    waterfallDepth: code.length ? Math.max(...code.map((r) => r.depth)) : 0,
    waves: waves.map((w) => ({
      startMs: ms(w.start),
      endMs: ms(w.end),
      requests: w.members.length,
      wire: w.members.reduce((sum, r) => sum + r.wire, 0),
    })),
    uncompressed: code.filter((r) => !r.failed && r.encoding === 'identity').map((r) => new URL(r.url).pathname),
    failed: code
      .filter((r) => r.failed || r.status >= 400)
      .map((r) => `${new URL(r.url).pathname} (${r.failed ?? `HTTP ${r.status}`})`),
    requests: code.map((r) => ({
      path: new URL(r.url).pathname,
      kind: r.kind,
      status: r.status ?? null,
      acceptEncoding: r.acceptEncoding,
      encoding: r.encoding ?? null,
      wire: r.wire,
      headers: Math.min(r.headers ?? 0, r.wire),
      decoded: r.decoded,
      startMs: ms(r.start),
      endMs: ms(r.end),
      depth: r.depth,
      wave: r.wave,
      initiator: r.initiator?.type ?? null,
    })),
  };
}

function kb(bytes) {
  return (bytes / 1000).toFixed(1);
}

function printTable(results, offenders) {
  const over = new Set(offenders);
  const asked = new Set(results.flatMap((r) => r.requests.map((q) => q.acceptEncoding ?? 'unknown')));
  const got = new Set(results.flatMap((r) => r.requests.map((q) => q.encoding ?? 'unknown')));
  console.log(
    `| page | role | status | WASM KB | JS KB | CSS KB | code KB | of which headers | code requests | waves | hydrated ms | budget |`,
  );
  console.log(`|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|`);
  for (const r of results) {
    const c = r.code;
    console.log(
      `| \`${r.route}\` | ${r.role} | ${r.status ?? '—'}${r.landed ? ` at \`${r.landed}\`` : ''} ` +
        `| ${kb(c.wasm.wire)} | ${kb(c.js.wire)} | ${kb(c.css.wire)} | ${kb(c.wire)} | ${kb(c.headers)} ` +
        `| ${c.requests} | ${r.waves.length} | ${r.hydratedMs ?? '—'} | ${over.has(r) ? '**over**' : 'ok'} |`,
    );
  }
  console.log(
    `\nKB = 1000 bytes on the wire (compressed body and response headers; the headers apart), cold cache, ` +
      `Chromium ${browser.version()}; budget ${options.maxKb} KB and ${options.maxRequests} code requests per page; ` +
      `waves = stretches of time with code requests in flight (more than two: code discovered by code); ` +
      `hydrated = ms from the navigation's start until body[data-hydrated]` +
      (options.runs > 1 ? ` (median of ${options.runs} loads)` : '') +
      `. Code requests sent Accept-Encoding: ${[...asked].join(' | ')}; answered with: ${[...got].join(', ')}.`,
  );
}

// The heaviest page's largest code responses, and when each started (a chain of discoveries
// shows as growing depths and start times).
function printHeaviest(results) {
  const heaviest = results.reduce((a, b) => (b.code.wire > a.code.wire ? b : a), results[0]);
  if (!heaviest) return;
  console.log(
    `\nHeaviest page: ${heaviest.path} as ${heaviest.role}, ${kb(heaviest.code.wire)} KB in ${heaviest.code.requests} ` +
      `code requests, hydrated at ${heaviest.hydratedMs ?? '—'} ms, last code byte at ${heaviest.codeDoneMs ?? '—'} ms, ` +
      `discovery depth ${heaviest.waterfallDepth}. Its 10 largest code responses:`,
  );
  console.log(`| file | KB on the wire | of which headers | KB decoded | encoding | start ms | end ms | depth | wave |`);
  console.log(`|---|---:|---:|---:|---|---:|---:|---:|---:|`);
  for (const r of [...heaviest.requests].sort((a, b) => b.wire - a.wire).slice(0, 10)) {
    console.log(
      `| \`${r.path}\` | ${kb(r.wire)} | ${kb(r.headers)} | ${kb(r.decoded)} | ${r.encoding} | ${r.startMs} | ${r.endMs} ` +
        `| ${r.depth} | ${r.wave} |`,
    );
  }
  console.log(`\nIts waves of code requests (the files named are the largest of each wave):`);
  console.log(`| wave | start ms | end ms | requests | KB on the wire | largest |`);
  console.log(`|---:|---:|---:|---:|---:|---|`);
  for (const [i, w] of heaviest.waves.entries()) {
    const largest = heaviest.requests
      .filter((r) => r.wave === i + 1)
      .sort((a, b) => b.wire - a.wire)
      .slice(0, 2)
      .map((r) => `\`${r.path.replace(/^\/pkg\//, '')}\``);
    console.log(`| ${i + 1} | ${w.startMs} | ${w.endMs} | ${w.requests} | ${kb(w.wire)} | ${largest.join(', ')} |`);
  }
}
