import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { SCRIPTS, INCLUDES, RUNTIME_LUA, LUA, script } from '../src/scripts.mjs';
import { pack, jobId } from '../src/index.mjs';

test('the Lua copies are the Java runtime\'s scripts (npm run sync-lua after a change)', (t) => {
  if (!existsSync(RUNTIME_LUA)) return t.skip('not in the Spool repository: no runtime scripts to compare with');
  for (const name of SCRIPTS) {
    assert.equal(readFileSync(`${LUA}/${name}.lua`, 'utf8'), readFileSync(`${RUNTIME_LUA}/${name}.lua`, 'utf8'), name);
    assert.equal(script(name), script(name, RUNTIME_LUA));
    assert.doesNotMatch(script(name), /^--@include/m);
  }
  for (const name of INCLUDES) {
    assert.equal(readFileSync(`${LUA}/includes/${name}.lua`, 'utf8'),
      readFileSync(`${RUNTIME_LUA}/includes/${name}.lua`, 'utf8'), name);
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
