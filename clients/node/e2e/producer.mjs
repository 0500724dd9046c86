// Run by the Java test NodeProducerTest, against the Java worker it started: enqueues from Node
// and checks the worker's typed result and a failure. Prints the job ids for the Java side.
import assert from 'node:assert/strict';
import { Spool, JobFailedError } from '../src/index.mjs';

const spool = new Spool({ redisUrl: process.env.SPOOL_REDIS_URL, namespace: process.env.SPOOL_NAMESPACE });
try {
  const total = await spool.enqueue('Invoices.total', [1000, 'EUR'], { queue: 'node' });
  assert.deepEqual(await spool.result(total, { timeoutMs: 20_000 }), { cents: 1200, currency: 'EUR', vat: true });

  const refused = await spool.enqueue('Invoices.refuse', ['no stock'], { queue: 'node', retries: 0 });
  await assert.rejects(spool.result(refused, { timeoutMs: 20_000 }), (e) => {
    assert.ok(e instanceof JobFailedError);
    assert.equal(e.exceptionClass, 'java.lang.IllegalStateException');
    assert.equal(e.failureMessage, 'no stock');
    assert.equal(e.attempts, 1);
    return true;
  });
  console.log(`total=${total.id}`);
  console.log(`refused=${refused.id}`);
} finally {
  await spool.close();
}
