import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { SCRIPTS, INCLUDES, RUNTIME_LUA, LUA, script } from '../src/scripts.mjs';
import { pack, jobId } from '../src/index.mjs';

test('the scripts are the Java runtime\'s, spliced as the runtime splices them', (t) => {
  if (!existsSync(RUNTIME_LUA)) return t.skip('not in the Spool repository: the package carries its copies');
  assert.equal(LUA, RUNTIME_LUA);
  for (const name of SCRIPTS) {
    const spliced = script(name);
    assert.doesNotMatch(spliced, /^--@include/m, name);
    for (const include of INCLUDES) {
      if (readFileSync(`${RUNTIME_LUA}/${name}.lua`, 'utf8').includes(`--@include ${include}\n`)) {
        assert.ok(spliced.includes(readFileSync(`${RUNTIME_LUA}/includes/${include}.lua`, 'utf8').trim().split('\n').at(-1)),
          `${name} carries ${include}`);
      }
    }
  }
});

test('a payload is task, retries, timeout, the version line and the JSON arguments', () => {
  assert.equal(pack('Invoices.total', [1000, 'EUR'], { retries: 2, timeoutMs: 1500 }),
    'Invoices.total\n2\n1500\nv:1\n[1000,"EUR"]');
  assert.equal(pack('Invoices.total', []), 'Invoices.total\n0\n\nv:1\n[]');
  assert.throws(() => pack('bad\nname', []), TypeError);
  assert.throws(() => pack('Invoices.total', 'not an array'), TypeError);
});

test('ids are 14 base62 characters that start with the time, as the Java client\'s', () => {
  const id = jobId(0);
  assert.match(id, /^00000000[0-9A-Za-z]{6}$/);
  assert.ok(jobId() > jobId(Date.now() - 1000));
});
