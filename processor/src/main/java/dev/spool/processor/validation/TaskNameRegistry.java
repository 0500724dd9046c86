package dev.spool.processor.validation;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Task names seen so far in this compilation, across classes and rounds, so that two tasks with
 * one name are caught at compile time. The second claimant of a name gets the error.
 */
public final class TaskNameRegistry {

    private final Map<String, String> claimants = new HashMap<>();

    /** Claims {@code name} for the task described as {@code task}; the earlier claimant if taken. */
    Optional<String> claim(String name, String task) {
        String earlier = claimants.putIfAbsent(name, task);
        return Optional.ofNullable(earlier);
    }
}
