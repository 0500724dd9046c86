package dev.spool;

import java.time.Instant;
import java.util.List;

/**
 * One live worker, from its heartbeat (written every 5 s, gone 30 s after the last one).
 *
 * @param id the worker's id ({@code Worker.id()})
 * @param host the host it runs on
 * @param pid its process id
 * @param queues the queues it fetches from, in priority order
 * @param concurrency how many jobs it runs at once
 * @param jobsInHand how many jobs it held at the last beat (running, buffered or being recorded)
 * @param startedAt when it started
 * @param lastBeat when it last wrote its heartbeat (Redis' clock)
 */
public record WorkerInfo(String id, String host, long pid, List<String> queues, int concurrency, int jobsInHand,
        Instant startedAt, Instant lastBeat) {}
