// A producer for Spool queues: enqueues jobs for Java workers in Spool's wire format
// (docs/redis-keys.md), through the same Lua scripts the Java client runs, and awaits results.
import { randomInt } from 'node:crypto';
import { Redis } from 'ioredis';
import { script } from './scripts.mjs';

/** The payload format version this client writes (the extension line "v:1"). */
export const FORMAT_VERSION = 1;
const SIGNAL_CAP = '64'; // as the Java client (QueueCalls.SIGNAL_CAP)
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A job that failed for good on a worker: the exception class, message, stack trace and attempts. */
export class JobFailedError extends Error {
  constructor(job, failure) {
    super(`job ${job.id} (${job.task}) failed after ${failure.n} attempt(s): ${failure.c}: ${failure.m}`);
    this.name = 'JobFailedError';
    this.job = job;
    this.exceptionClass = failure.c;
    this.failureMessage = failure.m;
    this.stackTrace = failure.s;
    this.attempts = failure.n;
  }
}

/** A 14-character id as the Java client makes them: 8 base62 digits of epoch ms, 6 random ones. */
export function jobId(now = Date.now()) {
  let time = '';
  for (let i = 0, t = now; i < 8; i++, t = Math.floor(t / 62)) time = ALPHABET[t % 62] + time;
  let rest = '';
  for (let i = 0; i < 6; i++) rest += ALPHABET[randomInt(62)];
  return time + rest;
}

/** The packed payload: task, retries, timeout, the version line, the JSON array of arguments. */
export function pack(task, args, { retries = 0, timeoutMs = 0 } = {}) {
  if (typeof task !== 'string' || task === '' || task.includes('\n')) throw new TypeError(`invalid task name ${JSON.stringify(task)}`);
  if (!Array.isArray(args)) throw new TypeError('arguments must be an array');
  if (!Number.isInteger(retries) || retries < 0) throw new TypeError(`retries must be a count: ${retries}`);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 0) throw new TypeError(`timeoutMs must be a count: ${timeoutMs}`);
  return `${task}\n${retries}\n${timeoutMs > 0 ? timeoutMs : ''}\nv:${FORMAT_VERSION}\n${JSON.stringify(args)}`;
}

/** A client of one Spool namespace on one Redis. */
export class Spool {
  /** @param {{redisUrl?: string, namespace?: string}} options */
  constructor({ redisUrl = 'redis://127.0.0.1:6379', namespace = 'spool' } = {}) {
    this.namespace = namespace;
    this.redis = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 });
    this.redis.defineCommand('spoolEnqueueJob', { numberOfKeys: 4, lua: script('enqueueJob-4') });
    this.redis.defineCommand('spoolReadStatus', { numberOfKeys: 3, lua: script('readStatus-3') });
    this.registered = new Set();
  }

  keys(queue) {
    if (!/^[^\s{}:]{1,200}$/.test(queue)) throw new TypeError(`invalid queue name ${JSON.stringify(queue)}`);
    const q = `${this.namespace}:{${this.namespace}:${queue}}:`;
    return { wait: q + 'wait', ready: q + 'ready', due: q + 'due', signal: q + 'signal', job: (id) => q + 'job:' + id };
  }

  /**
   * Enqueues one job for a task a Java worker runs, with JSON arguments in the order of its parameters.
   * @returns {Promise<{id: string, queue: string, task: string}>}
   */
  async enqueue(task, args, { queue = 'default', retries = 0, timeoutMs = 0, delayMs = 0 } = {}) {
    const payload = pack(task, args, { retries, timeoutMs });
    const k = this.keys(queue);
    const when = delayMs > 0 ? `+${Math.round(delayMs)}` : '0';
    if (!this.registered.has(queue)) {
      await this.redis.sadd(`${this.namespace}:{${this.namespace}}:queues`, queue);
      this.registered.add(queue);
    }
    for (let round = 0; round < 5; round++) {
      const id = jobId();
      const reply = await this.redis.spoolEnqueueJob(k.wait, k.ready, k.due, k.signal, id, payload, when, SIGNAL_CAP);
      if (reply === 1 || reply === 2 || reply === 3) return { id, queue, task };
      if (reply !== -2) throw new Error(`unexpected reply from enqueueJob-4.lua: ${reply}`);
    }
    throw new Error('no free job id after 5 tries');
  }

  /**
   * Waits until the job finished: resolves with its result (parsed JSON), rejects with a
   * JobFailedError if it failed for good, or an Error if it was cancelled, expired, or is missing.
   */
  async result(job, { timeoutMs = 30_000, pollMs = 50 } = {}) {
    const k = this.keys(job.queue);
    const until = Date.now() + timeoutMs;
    for (;;) {
      const [state, , result, failure] = await this.redis.spoolReadStatus(k.wait, k.due, k.job(job.id), job.id);
      if (state === 'd') return result === null ? null : JSON.parse(result);
      if (state === 'f') throw new JobFailedError(job, JSON.parse(failure));
      if (state === 'x' || state === 'e' || state === 'm') {
        throw new Error(`job ${job.id} (${job.task}) is ${{ x: 'cancelled', e: 'expired', m: 'missing' }[state]}`);
      }
      if (Date.now() >= until) throw new Error(`job ${job.id} (${job.task}) did not finish within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /** Closes the connection. */
  async close() {
    await this.redis.quit();
  }
}
