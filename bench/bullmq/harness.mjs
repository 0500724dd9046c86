// The BullMQ side of Spool's benchmark: one process, driven by the Java runner
// (dev.spool.bench.BullmqPeer) over stdin/stdout, one JSON object per line each way. Every
// command gets exactly one reply, {"ok":true,...} or {"ok":false,"error":"..."}; anything else
// this process prints goes to stderr.
//
//   node harness.mjs <redis host> <redis port>
//
// Commands ({"op": ..., ...}):
//   hello                                   versions and pid
//   prepare {queue, concurrency, keep}      a Worker (not started); keep=false sets removeOnComplete
//   go                                      starts the prepared worker
//   stop                                    closes the worker; replies with the jobs it ran
//   reset / lat / count                     forget samples / latency percentiles (µs) / counters
//   fill {queue, jobs, batch}               addBulk of no-op jobs in batches; replies with ms
//   awaited {queue, jobs}                   add + waitUntilFinished, one at a time; replies with ms
//   paced {queue, rate, jobs}               one stamp job every 1/rate s, each add awaited
//   flows {queue, flows, children}          FlowProducer.add of 1 parent + children, one at a time
//   exit
import { FlowProducer, Queue, QueueEvents, Worker } from 'bullmq';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const connection = { host: process.argv[2] ?? '127.0.0.1', port: Number(process.argv[3] ?? 6379) };

const queues = new Map();
const events = new Map();
let flowProducer = null;
let worker = null;
let running = null;
let processed = 0;
let parents = 0;
let samples = [];

/** Microseconds on CLOCK_MONOTONIC, which every process on this host shares. */
function nowMicros() {
  return Number(process.hrtime.bigint() / 1000n);
}

async function processor(job) {
  processed++;
  if (job.name === 'stamp') {
    samples.push(nowMicros() - job.data.t);
  } else if (job.name === 'done') {
    // the flow's parent reads its children's results, as a Spool chord's callback receives them
    const values = await job.getChildrenValues();
    parents++;
    return Object.keys(values).length;
  }
  return job.data.n;
}

async function queue(name) {
  let q = queues.get(name);
  if (!q) {
    q = new Queue(name, { connection });
    await q.waitUntilReady();
    queues.set(name, q);
  }
  return q;
}

async function queueEvents(name) {
  let e = events.get(name);
  if (!e) {
    e = new QueueEvents(name, { connection });
    await e.waitUntilReady();
    events.set(name, e);
  }
  return e;
}

function pct(sorted, p) {
  if (sorted.length === 0) return 0;
  const i = Math.ceil(p * sorted.length) - 1;
  return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
}

async function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until the monotonic clock reaches target (µs): a timer while far, a spin for the last ms. */
async function until(target) {
  for (;;) {
    const left = target - nowMicros();
    if (left <= 0) return;
    if (left > 1500) {
      await sleep(Math.floor((left - 1000) / 1000));
    }
  }
}

const ops = {
  async hello() {
    return { bullmq: require('bullmq/package.json').version, node: process.version, pid: process.pid };
  },

  async prepare({ queue: name, concurrency, keep }) {
    if (worker) throw new Error('a worker is prepared already');
    processed = 0;
    parents = 0;
    const opts = { connection, concurrency, autorun: false };
    if (!keep) opts.removeOnComplete = { count: 0 };
    worker = new Worker(name, processor, opts);
    worker.on('error', (e) => console.error('worker error:', e));
    await worker.waitUntilReady();
    return {};
  },

  async go() {
    if (!worker) throw new Error('no worker prepared');
    running = worker.run().catch((e) => console.error('worker stopped:', e));
    return {};
  },

  async stop() {
    if (worker) {
      await worker.close();
      await running;
    }
    worker = null;
    running = null;
    return { processed, parents };
  },

  async reset() {
    samples = [];
    processed = 0;
    parents = 0;
    return {};
  },

  async lat() {
    const s = Float64Array.from(samples).sort();
    return { n: s.length, p50: pct(s, 0.5), p99: pct(s, 0.99), p999: pct(s, 0.999), max: s.length ? s[s.length - 1] : 0 };
  },

  async count() {
    return { processed, parents, samples: samples.length };
  },

  async fill({ queue: name, jobs, batch }) {
    const q = await queue(name);
    const t0 = process.hrtime.bigint();
    for (let from = 0; from < jobs; from += batch) {
      const bulk = [];
      for (let i = from; i < Math.min(jobs, from + batch); i++) {
        bulk.push({ name: 'noop', data: { n: i } });
      }
      await q.addBulk(bulk);
    }
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6 };
  },

  async awaited({ queue: name, jobs }) {
    const q = await queue(name);
    const e = await queueEvents(name);
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < jobs; i++) {
      const job = await q.add('noop', { n: i });
      await job.waitUntilFinished(e, 60_000);
    }
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6 };
  },

  async paced({ queue: name, rate, jobs }) {
    const q = await queue(name);
    const period = 1e6 / rate;
    const start = nowMicros() + 5000;
    for (let i = 0; i < jobs; i++) {
      await until(start + i * period);
      await q.add('stamp', { t: nowMicros() });
    }
    return {};
  },

  async flows({ queue: name, flows, children }) {
    if (!flowProducer) {
      flowProducer = new FlowProducer({ connection });
      await flowProducer.waitUntilReady();
    }
    const t0 = process.hrtime.bigint();
    for (let f = 0; f < flows; f++) {
      const kids = [];
      for (let c = 0; c < children; c++) {
        kids.push({ name: 'noop', queueName: name, data: { n: c } });
      }
      await flowProducer.add({ name: 'done', queueName: name, data: {}, children: kids });
    }
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6 };
  },

  async forget({ queue: name }) {
    await queues.get(name)?.close();
    await events.get(name)?.close();
    queues.delete(name);
    events.delete(name);
    return {};
  },

  async exit() {
    await ops.stop();
    for (const q of queues.values()) await q.close();
    for (const e of events.values()) await e.close();
    if (flowProducer) await flowProducer.close();
    setImmediate(() => process.exit(0));
    return {};
  },
};

function reply(object) {
  process.stdout.write(JSON.stringify(object) + '\n');
}

// commands run one after another, in the order they arrive
let chain = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  chain = chain.then(async () => {
    let command;
    try {
      command = JSON.parse(line);
      const op = ops[command.op];
      if (!op) throw new Error('unknown op ' + command.op);
      reply({ ok: true, ...(await op(command)) });
    } catch (e) {
      reply({ ok: false, error: String(e?.stack ?? e) });
    }
  });
}).on('close', () => {
  chain.then(() => process.exit(0));
});
