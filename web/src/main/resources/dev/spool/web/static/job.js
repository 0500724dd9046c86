// Spool dashboard: a job's page (details, arguments, result or failure, attempts, workflow members).
// Loaded before app.js, whose helpers (h, api, act, badge, when, ...) it calls once the page renders.
'use strict';

async function jobPage(id) {
  const j = await api('GET', '/api/jobs/' + enc(id));
  const final = ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(j.status);
  const buttons = [];
  if (writable() && j.status === 'FAILED') {
    buttons.push(h('button', { className: 'primary', 'data-action': 'retry', onclick: () => act('POST', '/api/queues/' + enc(j.queue) + '/dead/' + enc(j.id) + '/retry', () => 'Job sent back to ' + j.queue) }, 'Retry'));
    buttons.push(h('button', { className: 'danger', 'data-action': 'delete', onclick: () => confirm('Delete this job?') && act('DELETE', '/api/queues/' + enc(j.queue) + '/dead/' + enc(j.id), () => { location.hash = '#/queues/' + enc(j.queue) + '/failed'; return 'Job deleted'; }) }, 'Delete'));
  }
  if (writable() && !final) {
    buttons.push(h('button', { className: 'danger', 'data-action': 'cancel', onclick: () => confirm('Cancel this job?') && act('DELETE', '/api/jobs/' + enc(j.id), () => 'Job cancelled') }, 'Cancel'));
  }
  let progress = '—';
  if (j.progress) {
    const bar = h('span', {});
    bar.style.width = Math.round(j.progress.fraction * 100) + '%';
    progress = h('span', {}, h('span', { className: 'progress' }, bar), Math.round(j.progress.fraction * 100) + '% ' + (j.progress.message || ''));
  }
  const facts = h('dl', { className: 'facts' },
    h('dt', {}, 'Task'), h('dd', { 'data-test': 'task' }, j.task || '—'),
    h('dt', {}, 'Queue'), h('dd', {}, h('a', { href: '#/queues/' + enc(j.queue) }, j.queue)),
    h('dt', {}, 'Attempts'), h('dd', { 'data-test': 'attempts' }, j.attempts),
    h('dt', {}, 'Enqueued'), h('dd', {}, when(j.enqueuedAt)),
    j.scheduledFor ? [h('dt', {}, 'Due'), h('dd', {}, when(j.scheduledFor))] : null,
    h('dt', {}, j.status === 'ACTIVE' ? 'Started' : 'Last started'), h('dd', { 'data-test': 'started' }, when(j.startedAt)),
    j.finishedAt ? [h('dt', {}, 'Finished'), h('dd', {}, when(j.finishedAt))] : null,
    h('dt', {}, 'Worker'), h('dd', { className: 'mono' }, j.worker || '—'),
    h('dt', {}, 'Progress'), h('dd', {}, progress));
  const right = [];
  if (j.failure) {
    right.push(h('div', { className: 'failure', 'data-test': 'failure' }, h('div', { className: 'cls' }, j.failure.exceptionClass),
      h('div', { className: 'msg', 'data-test': 'failure-message' }, j.failure.message || '(no message)')));
    if (j.failure.stackTrace) right.push(h('pre', { className: 'stack', 'data-test': 'stack' }, j.failure.stackTrace));
  } else if (j.status === 'SUCCEEDED') {
    right.push(h('pre', { 'data-test': 'result' }, JSON.stringify(j.result, null, 2)));
  } else {
    right.push(h('p', { className: 'muted' }, 'No result yet.'));
  }
  const out = [
    h('div', { className: 'head' }, h('div', {}, h('h1', {}, 'Job ', h('span', { className: 'mono' }, j.id)),
      h('p', { className: 'sub' }, (j.task || 'unknown task') + ' on ' + j.queue)),
      h('div', { className: 'spacer' }), h('span', { 'data-test': 'status' }, badge(j.status)), buttons),
    h('div', { className: 'grid2' },
      h('div', {}, h('div', { className: 'card' }, h('div', { className: 'card-head' }, h('h2', {}, 'Details')), h('div', { className: 'body' }, facts)),
        h('div', { className: 'card' }, h('div', { className: 'card-head' }, h('h2', {}, 'Arguments')),
          h('div', { className: 'body' }, j.arguments === null && j.status === 'SUCCEEDED'
            ? h('p', { className: 'muted', 'data-test': 'arguments' }, 'Not kept: a succeeded job keeps its result only.')
            : h('pre', { 'data-test': 'arguments' }, JSON.stringify(j.arguments, null, 2))))),
      h('div', { className: 'card' }, h('div', { className: 'card-head' }, h('h2', {}, j.failure ? 'Failure' : 'Result')), h('div', { className: 'body' }, right))),
  ];
  if (j.workflow) out.push(workflowCard(j.workflow, j.id));
  if (j.history && j.history.length) {
    out.push(h('div', { className: 'card' }, h('div', { className: 'card-head' }, h('h2', {}, 'Attempts')),
      h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, '#'), h('th', {}, 'When'), h('th', {}, 'Worker'), h('th', {}, 'Error'))),
        h('tbody', {}, j.history.map(a => h('tr', {}, h('td', {}, a.attempt), h('td', {}, when(a.at)),
          h('td', { className: 'mono' }, a.worker || '—'), h('td', { className: 'reason' }, a.error + (a.message ? ': ' + a.message : ''))))))));
  }
  return out;
}

function workflowCard(w, self) {
  const counts = {};
  w.jobs.forEach(m => { counts[m.status] = (counts[m.status] || 0) + 1; });
  const summary = Object.entries(counts).map(([k, n]) => n + ' ' + k.toLowerCase()).join(' · ');
  const more = w.total > w.jobs.length ? h('div', { className: 'pager' }, 'Showing the first ' + w.jobs.length + ' of ' + fmt(w.total) + ' jobs') : null;
  return h('div', { className: 'card', 'data-test': 'workflow' },
    h('div', { className: 'card-head' }, h('h2', {}, 'Workflow ', h('span', { className: 'mono' }, w.id)),
      h('span', { 'data-test': 'workflow-state' }, badge(w.state)), h('div', { className: 'spacer' }),
      h('span', { className: 'muted' }, (w.role ? 'this job is ' + w.role + ' of ' : '') + fmt(w.total) + ' job(s)' + (summary ? ' · ' + summary : ''))),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Role'), h('th', {}, 'Job'), h('th', {}, 'Task'), h('th', {}, 'Queue'), h('th', {}, 'Status'))),
      h('tbody', {}, w.jobs.map(m => h('tr', { 'data-member': m.id, className: m.id === self ? 'current' : '' },
        h('td', {}, m.role + (m.id === w.final ? ' · final' : '')),
        h('td', { className: 'mono' }, m.id === self ? m.id : h('a', { href: '#/jobs/' + enc(m.id) }, m.id)),
        h('td', {}, m.task), h('td', {}, h('a', { href: '#/queues/' + enc(m.queue) }, m.queue)),
        h('td', { 'data-test': 'member-status' }, badge(m.status)))))),
    more);
}
