/**
 * Workflows: chains, chords and their typed handles. Generated workflow stubs ({@code @Chain},
 * {@code @Chord}) call {@link dev.spool.workflow.Workflow}; application code may call it too, for
 * shapes annotations cannot express (a chain whose steps are chosen at run time). Jobs that wait
 * for jobs enqueued earlier use {@link dev.spool.JobOptions#dependsOn}.
 */
package dev.spool.workflow;
