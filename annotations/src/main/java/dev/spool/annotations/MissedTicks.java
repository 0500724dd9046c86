package dev.spool.annotations;

/**
 * What a periodic schedule does with ticks that passed while no worker of its queue ran (a
 * deploy, an outage): Spool never fires a schedule more than once for one gap.
 */
public enum MissedTicks {

    /** Fire once when a worker comes back, for all the ticks missed together, then keep the schedule. */
    FIRE_ONCE,

    /** Fire nothing for the missed ticks; go on with the next tick to come. */
    SKIP
}
