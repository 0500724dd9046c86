/**
 * Spool's worker: {@link dev.spool.worker.Worker} runs jobs in a process; {@link
 * dev.spool.worker.WorkerCommand} is its command line, which the generated worker main calls.
 */
package dev.spool.worker;
