package dev.spool.processor.writing;

import com.palantir.javapoet.ClassName;

/** The runtime types generated code refers to, by name: the processor never loads the runtime. */
final class RuntimeNames {

    static final ClassName SPOOL = ClassName.get("dev.spool", "Spool");
    static final ClassName JOB = ClassName.get("dev.spool", "Job");
    static final ClassName JOB_BATCH = ClassName.get("dev.spool", "JobBatch");
    static final ClassName TASK_BATCH = ClassName.get("dev.spool", "TaskBatch");
    static final ClassName JOB_OPTIONS = ClassName.get("dev.spool", "JobOptions");
    static final ClassName TASK_DESCRIPTOR = ClassName.get("dev.spool.spi", "TaskDescriptor");
    static final ClassName MISSED_TICKS = ClassName.get("dev.spool.annotations", "MissedTicks");
    static final ClassName UNIQUE = ClassName.get("dev.spool.annotations", "Unique");
    static final ClassName TYPE_REF = ClassName.get("dev.spool.spi", "TypeRef");
    static final ClassName TASK_ENTRY = ClassName.get("dev.spool.spi", "TaskEntry");
    static final ClassName TASK_TABLE = ClassName.get("dev.spool.spi", "TaskTable");
    static final ClassName TASK_INVOKER = ClassName.get("dev.spool.spi", "TaskInvoker");
    static final ClassName ARGUMENTS = ClassName.get("dev.spool.spi", "Arguments");
    static final ClassName WORKFLOW = ClassName.get("dev.spool.workflow", "Workflow");
    static final ClassName WORKER_COMMAND = ClassName.get("dev.spool.worker", "WorkerCommand");

    private RuntimeNames() {}
}
