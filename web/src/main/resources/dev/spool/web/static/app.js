// Spool dashboard: plain JavaScript over the jobs HTTP API (/api). No build step.
'use strict';

const REFRESH_MS = 3000;
const STATES = ['queued', 'scheduled', 'active', 'waiting', 'succeeded', 'failed'];
const session = { csrf: null, tokenRequired: false, readOnly: false };
let timer = null;
let rendering = false;

// ---- small helpers ---------------------------------------------------------------------------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'onclick') el.addEventListener('click', v);
    else if (k === 'onsubmit') el.addEventListener('submit', v);
    else if (k === 'className') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function svg(tag, attrs, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  for (const c of children.flat()) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

function fmt(n) { return Number(n || 0).toLocaleString('en-US'); }

function ago(iso) {
  if (!iso) return '—';
  const s = Math.round((Date.now() - Date.parse(iso)) / 1000);
  const abs = Math.abs(s);
  const text = abs < 60 ? abs + 's' : abs < 3600 ? Math.round(abs / 60) + 'm' : abs < 86400
    ? Math.round(abs / 3600) + 'h' : Math.round(abs / 86400) + 'd';
  return s >= 0 ? text + ' ago' : 'in ' + text;
}

function when(iso) {
  return iso ? h('span', { title: new Date(iso).toLocaleString() }, ago(iso)) : '—';
}

function badge(text, cls) { return h('span', { className: 'badge ' + (cls || text) }, text.toLowerCase()); }

function short(json, max) {
  const text = json === null || json === undefined ? '' : JSON.stringify(json);
  return text.length > max ? text.slice(0, max) + '…' : text;
}

function toast(text, error) {
  const t = document.getElementById('toast');
  t.textContent = text;
  t.className = 'toast' + (error ? ' error' : '');
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, error ? 6000 : 2500);
}

function live(ok) {
  document.getElementById('live-dot').className = 'dot ' + (ok ? 'on' : 'off');
  document.getElementById('live-text').textContent = ok ? 'live · every ' + REFRESH_MS / 1000 + 's' : 'disconnected';
}

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (method !== 'GET') {
    if (session.csrf) headers['X-CSRF-Token'] = session.csrf;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(path, { method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, data.error || res.statusText);
  return data;
}

async function act(method, path, done) {
  try {
    const r = await api(method, path);
    toast(done(r));
    await render();
  } catch (e) {
    toast(e.message, true);
  }
}

function writable() { return !session.readOnly; }

// ---- pages -----------------------------------------------------------------------------------

function chart(minutes) {
  const w = 720, hgt = 180, pad = 26, n = minutes.length || 60;
  const max = Math.max(1, ...minutes.map(m => m.succeeded + m.failed));
  const top = niceMax(max);
  const bw = (w - pad - 4) / n;
  const y = v => hgt - 18 - (v / top) * (hgt - 30);
  const bars = [];
  for (let i = 0; i <= 4; i++) {
    const v = top * i / 4;
    bars.push(svg('line', { x1: pad, x2: w, y1: y(v), y2: y(v), class: 'grid' }));
    bars.push(svg('text', { x: pad - 4, y: y(v) + 3, 'text-anchor': 'end', class: 'axis' }, fmt(Math.round(v))));
  }
  minutes.forEach((m, i) => {
    const x = pad + 2 + i * bw;
    const sTop = y(m.succeeded), fTop = y(m.succeeded + m.failed);
    const title = svg('title', {}, new Date(m.minute).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
      + ': ' + m.succeeded + ' succeeded, ' + m.failed + ' failed');
    const g = svg('g', {}, title);
    if (m.succeeded) g.append(svg('rect', { x, y: sTop, width: Math.max(1, bw - 2), height: y(0) - sTop, rx: 1.5, class: 's' }));
    if (m.failed) g.append(svg('rect', { x, y: fTop, width: Math.max(1, bw - 2), height: sTop - fTop, rx: 1.5, class: 'f' }));
    g.append(svg('rect', { x, y: 0, width: bw, height: hgt - 18, fill: 'transparent' }));
    bars.push(g);
  });
  [0, 15, 30, 45, 59].forEach(i => {
    const label = i === 59 ? 'now' : '-' + (59 - i) + 'm';
    bars.push(svg('text', { x: pad + 2 + i * bw + bw / 2, y: hgt - 4, 'text-anchor': 'middle', class: 'axis' }, label));
  });
  return svg('svg', { class: 'chart', viewBox: '0 0 ' + w + ' ' + hgt, preserveAspectRatio: 'none', 'data-test': 'chart' }, bars);
}

function niceMax(v) {
  const quarter = v / 4;
  const p = Math.pow(10, Math.floor(Math.log10(quarter)));
  for (const m of [1, 2, 5, 10]) if (m * p >= quarter) return Math.max(4, 4 * m * p);
  return 40 * p;
}

function queueActions(q) {
  if (!writable()) return '';
  return q.paused
    ? h('button', { className: 'small', 'data-action': 'resume-' + q.name,
        onclick: () => act('POST', '/api/queues/' + enc(q.name) + '/resume', () => q.name + ' resumed') }, 'Resume')
    : h('button', { className: 'small', 'data-action': 'pause-' + q.name,
        onclick: () => act('POST', '/api/queues/' + enc(q.name) + '/pause', () => q.name + ' paused') }, 'Pause');
}

function enc(s) { return encodeURIComponent(s); }

function queuesTable(queues) {
  if (!queues.length) return h('div', { className: 'empty' }, 'No queues yet. Enqueue a job and it shows up here.');
  return h('table', { 'data-test': 'queues' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Queue'), h('th', {}, 'State'),
      ...STATES.map(s => h('th', { className: 'num' }, s)), h('th', {}))),
    h('tbody', {}, queues.map(q => h('tr', { 'data-queue': q.name },
      h('td', {}, h('a', { href: '#/queues/' + enc(q.name) }, q.name)),
      h('td', { 'data-test': 'state-' + q.name }, q.paused ? badge('paused', 'paused') : badge('running', 'running')),
      ...STATES.map(s => h('td', { className: 'num', 'data-count': q.name + '-' + s },
        s === 'failed' && q.failed ? h('a', { href: '#/queues/' + enc(q.name) + '/failed' }, fmt(q.failed)) : fmt(q[s]))),
      h('td', {}, h('div', { className: 'actions' }, queueActions(q)))))));
}

function workersTable(workers) {
  if (!workers.length) return h('div', { className: 'empty' }, 'No worker is alive in this namespace.');
  return h('table', { 'data-test': 'workers' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Worker'), h('th', {}, 'Host'), h('th', {}, 'Queues'),
      h('th', { className: 'num' }, 'Busy'), h('th', {}, 'Started'), h('th', {}, 'Last beat'))),
    h('tbody', {}, workers.map(w => h('tr', {},
      h('td', { className: 'mono' }, w.id), h('td', {}, w.host + ' · pid ' + w.pid), h('td', {}, w.queues.join(', ')),
      h('td', { className: 'num' }, w.jobsInHand + ' / ' + w.concurrency), h('td', {}, when(w.startedAt)),
      h('td', {}, when(w.lastBeat))))));
}

async function overview() {
  const [queues, workers, stats] = await Promise.all([api('GET', '/api/queues'), api('GET', '/api/workers'),
    api('GET', '/api/stats')]);
  const qs = queues.queues;
  const sum = k => qs.reduce((a, q) => a + q[k], 0);
  const hour = stats.total.reduce((a, m) => ({ s: a.s + m.succeeded, f: a.f + m.failed }), { s: 0, f: 0 });
  const tile = (label, value, cls, test) => h('div', { className: 'tile ' + (cls || '') },
    h('div', { className: 'label' }, label), h('div', { className: 'value', 'data-test': test }, fmt(value)));
  return [
    h('div', { className: 'head' }, h('div', {}, h('h1', {}, 'Overview'),
      h('p', { className: 'sub' }, qs.length + ' queue(s) · ' + workers.workers.length + ' worker(s) alive'))),
    h('div', { className: 'tiles' },
      tile('Queued', sum('queued'), '', 'total-queued'), tile('Active', sum('active'), '', 'total-active'),
      tile('Scheduled', sum('scheduled'), '', 'total-scheduled'),
      tile('Succeeded · last hour', hour.s, 'ok', 'hour-succeeded'),
      tile('Failed · last hour', hour.f, hour.f ? 'bad' : '', 'hour-failed'),
      tile('Dead letters', sum('failed'), sum('failed') ? 'bad' : '', 'total-failed')),
    h('div', { className: 'card' }, h('div', { className: 'card-head' }, h('h2', {}, 'Throughput, last hour'),
      h('div', { className: 'spacer' }), h('div', { className: 'legend' }, h('span', {}, h('i', { className: 's' }), 'succeeded'),
        h('span', {}, h('i', { className: 'f' }), 'failed'))), h('div', { className: 'body' }, chart(stats.total))),
    h('div', { className: 'card' }, h('div', { className: 'card-head' }, h('h2', {}, 'Queues')), queuesTable(qs)),
    h('div', { className: 'card' }, h('div', { className: 'card-head' }, h('h2', {}, 'Workers')), workersTable(workers.workers)),
  ];
}

async function queuesPage() {
  const queues = await api('GET', '/api/queues');
  return [h('div', { className: 'head' }, h('h1', {}, 'Queues')),
    h('div', { className: 'card' }, queuesTable(queues.queues))];
}

async function workersPage() {
  const workers = await api('GET', '/api/workers');
  return [h('div', { className: 'head' }, h('h1', {}, 'Workers')),
    h('div', { className: 'card' }, workersTable(workers.workers))];
}

function deadActions(queue, j) {
  if (!writable()) return '';
  return h('div', { className: 'actions' },
    h('button', { className: 'small', 'data-action': 'retry-' + j.id,
      onclick: () => act('POST', '/api/queues/' + enc(queue) + '/dead/' + enc(j.id) + '/retry', () => 'Job ' + j.id + ' sent back to ' + queue) }, 'Retry'),
    h('button', { className: 'small danger', 'data-action': 'delete-' + j.id,
      onclick: () => confirm('Delete dead job ' + j.id + '?') && act('DELETE', '/api/queues/' + enc(queue) + '/dead/' + enc(j.id), () => 'Job ' + j.id + ' deleted') }, 'Delete'));
}

function jobsTable(queue, state, jobs) {
  if (!jobs.length) return h('div', { className: 'empty' }, 'No ' + state + ' jobs.');
  const failed = state === 'failed';
  return h('table', { 'data-test': 'jobs' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Job'), h('th', {}, 'Task'), h('th', {}, 'Arguments'),
      h('th', { className: 'num' }, 'Attempts'), h('th', {}, failed ? 'Failed' : state === 'scheduled' ? 'Due'
        : state === 'active' || state === 'succeeded' ? 'Started' : 'Enqueued'),
      failed ? h('th', {}, 'Reason') : null, failed ? h('th', {}) : null)),
    h('tbody', {}, jobs.map(j => h('tr', { 'data-job': j.id },
      h('td', { className: 'mono' }, h('a', { href: '#/jobs/' + enc(j.id) }, j.id)),
      h('td', {}, j.task || h('span', { className: 'muted' }, '—')),
      h('td', { className: 'args mono', title: short(j.arguments, 2000) }, short(j.arguments, 80)),
      h('td', { className: 'num' }, j.attempts),
      h('td', {}, when(failed ? j.finishedAt : state === 'scheduled' ? j.scheduledFor
        : state === 'active' || state === 'succeeded' ? j.startedAt : j.enqueuedAt)),
      failed ? h('td', { className: 'reason' }, j.failure ? j.failure.message || j.failure.exceptionClass : '') : null,
      failed ? h('td', {}, deadActions(queue, j)) : null))));
}

async function queuePage(name, state, page) {
  state = STATES.includes(state) ? state : 'queued';
  page = Math.max(0, parseInt(page || '0', 10) || 0);
  const [counts, list] = await Promise.all([api('GET', '/api/queues'),
    api('GET', '/api/queues/' + enc(name) + '/jobs?state=' + state + '&page=' + page + '&size=25')]);
  const q = counts.queues.find(x => x.name === name) || { name, paused: list.paused, queued: 0, scheduled: 0, active: 0, waiting: 0, succeeded: 0, failed: 0 };
  const pages = Math.max(1, Math.ceil(list.total / list.size));
  const base = '#/queues/' + enc(name) + '/' + state + '/';
  const bulk = state === 'failed' && writable() && list.total > 0 ? [
    h('button', { 'data-action': 'retry-all', onclick: () => act('POST', '/api/queues/' + enc(name) + '/dead/retry-all', r => r.retried + ' job(s) sent back') }, 'Retry all'),
    h('button', { className: 'danger', 'data-action': 'delete-all', onclick: () => confirm('Delete every dead job of ' + name + '?') && act('DELETE', '/api/queues/' + enc(name) + '/dead', r => r.deleted + ' job(s) deleted') }, 'Delete all')] : [];
  return [
    h('div', { className: 'head' }, h('div', {}, h('h1', {}, 'Queue ', h('span', { className: 'mono' }, name)),
      h('p', { className: 'sub' }, q.paused ? 'Paused: workers lease nothing from it until it is resumed.' : 'Running.')),
      h('div', { className: 'spacer' }), q.paused ? badge('paused', 'paused') : badge('running', 'running'),
      writable() ? (q.paused
        ? h('button', { className: 'primary', 'data-action': 'resume', onclick: () => act('POST', '/api/queues/' + enc(name) + '/resume', () => name + ' resumed') }, 'Resume queue')
        : h('button', { 'data-action': 'pause', onclick: () => act('POST', '/api/queues/' + enc(name) + '/pause', () => name + ' paused') }, 'Pause queue')) : ''),
    h('div', { className: 'card' },
      h('div', { className: 'tabs' }, STATES.map(s => h('a', { href: '#/queues/' + enc(name) + '/' + s, className: s === state ? 'active' : '', 'data-tab': s },
        s, h('span', { className: 'n' }, fmt(q[s]))))),
      bulk.length ? h('div', { className: 'card-head' }, h('span', { className: 'muted' }, fmt(list.total) + ' dead job(s)'), h('div', { className: 'spacer' }), bulk) : null,
      jobsTable(name, state, list.jobs),
      h('div', { className: 'pager' }, 'Page ' + (page + 1) + ' of ' + pages,
        h('button', { className: 'small', disabled: page === 0, onclick: () => { location.hash = base + (page - 1); } }, '‹ Prev'),
        h('button', { className: 'small', disabled: page + 1 >= pages, onclick: () => { location.hash = base + (page + 1); } }, 'Next ›'))),
  ];
}

async function deadPage() {
  const queues = (await api('GET', '/api/queues')).queues.filter(q => q.failed > 0);
  const lists = await Promise.all(queues.map(q => api('GET', '/api/queues/' + enc(q.name) + '/jobs?state=failed&size=50')));
  const out = [h('div', { className: 'head' }, h('div', {}, h('h1', {}, 'Dead letters'),
    h('p', { className: 'sub' }, 'Jobs that failed for good, kept for inspection and retry.')))];
  if (!queues.length) out.push(h('div', { className: 'card' }, h('div', { className: 'empty' }, 'No dead letters. All good.')));
  queues.forEach((q, i) => out.push(h('div', { className: 'card' },
    h('div', { className: 'card-head' }, h('h2', {}, h('a', { href: '#/queues/' + enc(q.name) + '/failed' }, q.name)),
      h('span', { className: 'muted' }, fmt(q.failed) + ' dead'), h('div', { className: 'spacer' }),
      writable() ? h('button', { className: 'small', onclick: () => act('POST', '/api/queues/' + enc(q.name) + '/dead/retry-all', r => r.retried + ' job(s) sent back') }, 'Retry all') : ''),
    jobsTable(q.name, 'failed', lists[i].jobs))));
  return out;
}

function loginPage(message) {
  const input = h('input', { type: 'password', id: 'token', placeholder: 'access token', autocomplete: 'current-password' });
  const form = h('form', { onsubmit: async e => {
    e.preventDefault();
    try {
      const s = await api('POST', '/api/session', { token: input.value });
      Object.assign(session, { csrf: s.csrfToken, tokenRequired: s.tokenRequired, readOnly: s.readOnly });
      start();
    } catch (err) { toast(err.message, true); }
  } }, input, h('button', { className: 'primary', type: 'submit' }, 'Log in'));
  return [h('div', { className: 'card login' }, h('div', { className: 'card-head' }, h('h2', {}, 'Log in to Spool')),
    h('div', { className: 'body' }, h('p', { className: 'muted' }, message || 'This server needs its access token.'), form))];
}

// ---- routing and refresh ---------------------------------------------------------------------

function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  switch (parts[0]) {
    case '': return { nav: 'overview', page: overview };
    case 'queues': return parts[1] ? { nav: 'queues', page: () => queuePage(parts[1], parts[2], parts[3]) } : { nav: 'queues', page: queuesPage };
    case 'jobs': return { nav: '', page: () => jobPage(parts[1]) };
    case 'dead': return { nav: 'dead', page: deadPage };
    case 'workers': return { nav: 'workers', page: workersPage };
    default: return { nav: 'overview', page: overview };
  }
}

async function render() {
  if (rendering) return;
  rendering = true;
  const r = route();
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.dataset.nav === r.nav));
  try {
    const content = await r.page();
    const app = document.getElementById('app');
    const y = window.scrollY;
    app.replaceChildren(...[content].flat());
    window.scrollTo(0, y);
    live(true);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      stop();
      document.getElementById('app').replaceChildren(...loginPage());
    } else if (e instanceof ApiError && e.status === 404) {
      document.getElementById('app').replaceChildren(h('div', { className: 'card' }, h('div', { className: 'empty' }, e.message)));
      live(true);
    } else {
      live(false);
    }
  } finally {
    rendering = false;
  }
}

function stop() { clearInterval(timer); timer = null; }

function start() {
  stop();
  render();
  timer = setInterval(render, REFRESH_MS);
}

async function boot() {
  window.addEventListener('hashchange', render);
  try {
    let s = await api('GET', '/api/session');
    if (!s.session && !s.tokenRequired) s = await api('POST', '/api/session', {});
    Object.assign(session, { csrf: s.csrfToken, tokenRequired: s.tokenRequired, readOnly: s.readOnly });
    if (!s.authenticated) {
      document.getElementById('app').replaceChildren(...loginPage());
      return;
    }
  } catch (e) {
    live(false);
  }
  start();
}

boot();
