package dev.spool.processor.validation;

import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The classes with {@code @Task} methods in this compilation, by qualified name, and what became
 * of them. Workflows look tasks up here (explicit task names can only be found by scanning) and
 * learn whether a task's stub is generated, failed or still waits for a later round.
 */
public final class TaskIndex {

    /** What became of a task class. */
    public enum Status {
        /** Its stub is generated. */
        GENERATED,
        /** It had errors; no stub. */
        FAILED,
        /** It waits for a type that may appear in a later round. */
        DEFERRED
    }

    private final SortedMap<String, Status> owners = new TreeMap<>();
    private long version;

    /** Records the latest status of a task class. */
    public void record(String owner, Status status) {
        owners.put(owner, status);
        version++;
    }

    /** Marks the start of a round: elements read in an earlier round are not to be reused. */
    public void newRound() {
        version++;
    }

    /**
     * Changes whenever a class is recorded or a round starts, so that what is built from this
     * index (the task names of {@link TaskResolver}) is built once per round, not once per lookup.
     */
    public long version() {
        return version;
    }

    /** The status of a class of this compilation; empty for classes from the class path. */
    public Optional<Status> status(String owner) {
        return Optional.ofNullable(owners.get(owner));
    }

    /** The qualified names of the task classes of this compilation, sorted. */
    public SortedSet<String> owners() {
        return new TreeSet<>(owners.keySet());
    }
}
