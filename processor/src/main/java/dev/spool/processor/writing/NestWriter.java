package dev.spool.processor.writing;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.spool.processor.model.NestModel;
import dev.spool.processor.model.NestModel.Feed;
import dev.spool.processor.model.NestModel.Mode;
import dev.spool.processor.model.WorkflowModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the body of a nested workflow method: one {@code dev.spool.workflow.Dag} with every job of
 * the whole shape, a loop per chord over a list, started in one call.
 *
 * <pre>{@code
 * Dag dag = Workflow.dag(spool);
 * Dag.Ref<Thumbnail> render = dag.job(ThumbnailsTasks.RENDER, image);
 * List<Dag.Ref<Receipt>> destinationJobs = new ArrayList<>(destinations.size());
 * for (String destination : destinations) {
 *     Dag.Ref<Receipt> upload = dag.after(List.of(render), StorageTasks.UPLOAD, destination);
 *     destinationJobs.add(upload);
 * }
 * Dag.Ref<Receipt> notify = destinationJobs.isEmpty()
 *         ? dag.afterDone(List.of(render), MailerTasks.NOTIFY, List.of(), email)
 *         : dag.afterAll(destinationJobs, MailerTasks.NOTIFY, email);
 * return dag.start(notify, options);
 * }</pre>
 */
final class NestWriter {

    private static final ClassName DAG = ClassName.get("dev.spool.workflow", "Dag");
    private static final ClassName REF = DAG.nestedClass("Ref");

    private final NameAllocator names;
    private final String dag;
    private final Map<Integer, String> jobs = new HashMap<>();
    private final Map<Integer, String> lists = new HashMap<>();
    private final Map<Integer, String> elements = new HashMap<>();

    private NestWriter(NameAllocator names) {
        this.names = names;
        this.dag = names.newName("dag", new Object());
    }

    /** The statements of {@code method}, whose parameters are already allocated in {@code names}. */
    static CodeBlock body(WorkflowModel.Method method, NameAllocator names, CodeBlock spool, CodeBlock options) {
        NestWriter writer = new NestWriter(names);
        NestModel nest = method.nest().orElseThrow();
        CodeBlock.Builder code = CodeBlock.builder();
        code.addStatement("$T $N = $T.dag($L)", DAG, writer.dag, RuntimeNames.WORKFLOW, spool);
        writer.items(nest.items(), code);
        method.onFailure().ifPresent(handler -> {
            List<CodeBlock> arguments = new ArrayList<>();
            for (int i = 0; i < handler.bound().size(); i++) {
                arguments.add(CodeBlock.of("$N", names.get(handler.bound().get(i))));
            }
            code.addStatement("$N.onFailure($L)", writer.dag, call(handler.stub(), handler.constant(), arguments,
                    handler.boundTypes()));
        });
        code.addStatement("return $N.start($N, $L)", writer.dag, writer.jobs.get(nest.result()), options);
        return code.build();
    }

    private void items(List<NestModel.Item> items, CodeBlock.Builder code) {
        for (NestModel.Item item : items) {
            if (item instanceof NestModel.Job job) {
                job(job, code);
            } else {
                loop((NestModel.Loop) item, code);
            }
        }
    }

    private void job(NestModel.Job job, CodeBlock.Builder code) {
        String taskName = job.taskName();
        String name = names.newName(taskName.substring(taskName.lastIndexOf('.') + 1), new Object());
        jobs.put(job.id(), name);
        CodeBlock creation = job.feed().map(feed -> waiting(job, feed, List.of()))
                .orElseGet(() -> create("job", null, job, List.of()));
        code.addStatement("$T $N = $L", ParameterizedTypeName.get(REF, job.result()), name, creation);
    }

    private void loop(NestModel.Loop loop, CodeBlock.Builder code) {
        CodeBlock list = value(loop.list());
        String base = loop.list().parameter() != null ? loop.list().parameter() : elements.get(loop.list().loop());
        String element = names.newName(WorkflowWriter.singular(base), new Object());
        String collected = names.newName(element + "Jobs", new Object());
        elements.put(loop.id(), element);
        lists.put(loop.id(), collected);
        TypeName refs = ParameterizedTypeName.get(ClassName.get(List.class),
                ParameterizedTypeName.get(REF, loop.exitResult()));
        code.addStatement("$T $N = new $T<>($L.size())", refs, collected, ArrayList.class, list);
        code.beginControlFlow("for ($T $N : $L)", loop.element(), element, list);
        items(loop.body(), code);
        code.addStatement("$N.add($N)", collected, jobs.get(loop.exit()));
        code.endControlFlow();
    }

    /** Creates a job that waits for {@code feed}; {@code leading} arguments go before its own. */
    private CodeBlock waiting(NestModel.Job job, Feed feed, List<CodeBlock> leading) {
        String method = switch (feed.mode()) {
            case SPREAD -> "after";
            case LIST -> "afterAll";
            case NONE -> "afterDone";
        };
        if (feed.loop() < 0) {
            List<CodeBlock> inputs = feed.jobs().stream().map(id -> CodeBlock.of("$N", jobs.get(id))).toList();
            return create(method, CodeBlock.of("$T.of($L)", List.class, CodeBlock.join(inputs, ", ")), job, leading);
        }
        String list = lists.get(feed.loop());
        List<CodeBlock> emptyLeading = new ArrayList<>(leading);
        if (feed.mode() == Mode.LIST) {
            emptyLeading.add(CodeBlock.of("$T.of()", List.class));
        }
        CodeBlock whenEmpty = feed.whenEmpty().map(instead -> instead.loop() < 0
                        ? waiting(job, instead.waitOnly(), emptyLeading)
                        // Another list's ternary: in parentheses, its lines indented one more level.
                        : CodeBlock.of("($>$L$<)", waiting(job, instead.waitOnly(), emptyLeading)))
                .orElseGet(() -> create("job", null, job, emptyLeading));
        // A statement's continuation lines are indented twice already, as a hand-written ternary's.
        return CodeBlock.of("$N.isEmpty()\n? $L\n: $L", list, whenEmpty,
                create(method, CodeBlock.of("$N", list), job, leading));
    }

    private CodeBlock create(String method, CodeBlock inputs, NestModel.Job job, List<CodeBlock> leading) {
        List<CodeBlock> arguments = new ArrayList<>(leading);
        List<TypeName> types = new ArrayList<>();
        leading.forEach(block -> types.add(ClassName.OBJECT));
        for (NestModel.Value value : job.arguments()) {
            arguments.add(value(value));
            types.add(value.type());
        }
        CodeBlock call = call(job.stub(), job.constant(), arguments, types);
        return inputs == null
                ? CodeBlock.of("$N.$N($L)", dag, method, call)
                : CodeBlock.of("$N.$N($L, $L)", dag, method, inputs, call);
    }

    private CodeBlock value(NestModel.Value value) {
        return value.parameter() != null
                ? CodeBlock.of("$N", names.get(value.parameter()))
                : CodeBlock.of("$N", elements.get(value.loop()));
    }

    /** {@code StorageTasks.UPLOAD, destination}: a descriptor and its arguments. */
    private static CodeBlock call(ClassName stub, String constant, List<CodeBlock> arguments, List<TypeName> types) {
        CodeBlock.Builder call = CodeBlock.builder().add("$T.$N", stub, constant);
        boolean lonelyArray = arguments.size() == 1
                && types.get(0) instanceof ArrayTypeName array && !array.componentType().isPrimitive();
        for (CodeBlock argument : arguments) {
            if (lonelyArray) {
                // One Object[]-compatible argument would otherwise become the varargs array itself.
                call.add(", ($T) $L", Object.class, argument);
            } else {
                call.add(", $L", argument);
            }
        }
        return call.build();
    }
}
