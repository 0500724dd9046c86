package dev.spool.workflow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Why a workflow failed, as its {@code onFailure} handler receives it (the handler's first
 * parameter): the job that failed for good first, its task and queue, and its error.
 *
 * <pre>{@code
 * @Task
 * public void albumFailed(WorkflowFailure failure, String email) {
 *     mailer.send(email, failure.task() + " failed: " + failure.message());
 * }
 * }</pre>
 *
 * @param jobId the id of the job that failed for good
 * @param task its task name ({@code ""} if unknown)
 * @param queue its queue ({@code ""} if unknown)
 * @param exceptionClass the class name of its error, e.g. {@code java.io.IOException}
 * @param message its error's message
 * @param attempts how many times it ran
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkflowFailure(@JsonProperty("j") String jobId, @JsonProperty("t") String task,
        @JsonProperty("q") String queue, @JsonProperty("rc") String exceptionClass, @JsonProperty("rm") String message,
        @JsonProperty("ra") int attempts) {

    public WorkflowFailure {
        jobId = jobId == null ? "" : jobId;
        task = task == null ? "" : task;
        queue = queue == null ? "" : queue;
        exceptionClass = exceptionClass == null ? "unknown" : exceptionClass;
        message = message == null ? "" : message;
    }

    /**
     * Decodes the failure record a handler is released with (see {@code dev.spool.internal.Flows}):
     * the workflow failure's own fields ({@code c}, {@code m}) stand in for a root cause that is
     * not recorded.
     */
    @JsonCreator
    static WorkflowFailure of(@JsonProperty("j") String jobId, @JsonProperty("t") String task,
            @JsonProperty("q") String queue, @JsonProperty("rc") String rootClass, @JsonProperty("rm") String rootMessage,
            @JsonProperty("ra") Integer rootAttempts, @JsonProperty("c") String wrappedClass,
            @JsonProperty("m") String wrappedMessage, @JsonProperty("n") Integer wrappedAttempts) {
        return new WorkflowFailure(jobId, task, queue, rootClass != null ? rootClass : wrappedClass,
                rootMessage != null ? rootMessage : wrappedMessage,
                rootAttempts != null ? rootAttempts : wrappedAttempts != null ? wrappedAttempts : 0);
    }

    @Override
    public String toString() {
        return "job " + jobId + (task.isEmpty() ? "" : " (task " + task + ")") + " failed: "
                + (message.isEmpty() ? exceptionClass : exceptionClass + ": " + message);
    }
}
