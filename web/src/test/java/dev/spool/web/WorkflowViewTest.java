package dev.spool.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.JobOptions;
import dev.spool.web.testing.ShopTasks;
import dev.spool.web.testing.WebFixture;
import dev.spool.workflow.Workflow;
import dev.spool.workflow.WorkflowJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** A job of a workflow shows its workflow's members with their states, over HTTP, with a real worker. */
class WorkflowViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(15);

    private WebFixture f;

    @BeforeEach
    void setUp(TestInfo info) {
        f = new WebFixture(info.getTestMethod().orElseThrow().getName().toLowerCase(), b -> b);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private JsonNode job(String id) throws Exception {
        var r = f.get("/api/jobs/" + id);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void eachStepOfAChainListsEveryStepWithItsStateAndLinkWhileItRunsAndOnceItIsDone() throws Exception {
        // 1 + 2, then + 10, then + 100, on two queues
        WorkflowJob<Integer> chain = Workflow.chain(f.spool).first(ShopTasks.ADD, 1, 2).then(ShopTasks.ADD, 10)
                .then(ShopTasks.ADD, 100).options(JobOptions.defaults().queue("orders")).start();
        String first = chain.workflowId() + "-0";

        JsonNode before = job(first).get("workflow");
        assertThat(before.get("id").asText()).isEqualTo(chain.workflowId());
        assertThat(before.get("state").asText()).isEqualTo("RUNNING");
        assertThat(before.get("role").asText()).isEqualTo("step 1");
        assertThat(before.get("final").asText()).isEqualTo(chain.id());
        assertThat(before.get("total").asInt()).isEqualTo(3);
        assertThat(fields(before, "role")).containsExactly("step 1", "step 2", "step 3");
        assertThat(fields(before, "status")).containsExactly("QUEUED", "WAITING", "WAITING");
        assertThat(fields(before, "queue")).containsExactly("default", "default", "orders");
        assertThat(fields(before, "task")).containsOnly("Shop.add");

        f.startWorker();
        assertThat(chain.await(WAIT)).isEqualTo(113);
        JsonNode last = await().atMost(WAIT).until(() -> job(chain.id()), j -> j.get("status").asText().equals("SUCCEEDED"));
        JsonNode after = last.get("workflow");
        assertThat(after.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(after.get("role").asText()).isEqualTo("step 3");
        assertThat(fields(after, "status")).containsOnly("SUCCEEDED");
        for (JsonNode member : after.get("jobs")) {
            JsonNode linked = JSON.readTree(f.get(member.get("self").asText()).body());
            assertThat(linked.get("id").asText()).isEqualTo(member.get("id").asText());
            assertThat(linked.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(linked.get("task").asText()).isEqualTo("Shop.add");
            assertThat(linked.get("startedAt").isTextual()).isTrue();
            assertThat(linked.get("workflow").get("id").asText()).isEqualTo(chain.workflowId());
        }
        assertThat(last.get("result").asInt()).isEqualTo(113);
    }

    @Test
    void aStepThatFailedShowsTheFailedWorkflowAndAPlainJobHasNone() throws Exception {
        f.startWorker();
        ShopTasks.DECLINED.clear();
        // the first charge is declined (no retries): the step that waited for it fails too
        WorkflowJob<String> chain = Workflow.chain(f.spool).first(ShopTasks.CHARGE, "w-1").then(ShopTasks.CHARGE).start();
        String first = chain.workflowId() + "-0";
        JsonNode flow = await().atMost(WAIT).until(() -> job(first).get("workflow"),
                w -> w.get("state").asText().equals("FAILED"));
        assertThat(flow.get("role").asText()).isEqualTo("step 1");
        assertThat(fields(flow, "role")).containsExactly("step 1", "step 2");
        assertThat(fields(flow, "status")).containsExactly("FAILED", "FAILED");
        assertThat(job(first).get("failure").get("message").asText()).isEqualTo("card declined for order w-1");
        assertThat(job(chain.id()).get("failure").get("exceptionClass").asText()).isEqualTo("dev.spool.WorkflowFailed");

        String plain = JSON.readTree(f.post("/api/jobs", "{\"task\": \"Shop.add\", \"args\": [1, 1]}").body())
                .get("id").asText();
        assertThat(job(plain).get("workflow").isNull()).isTrue();
    }

    private static List<String> fields(JsonNode workflow, String field) {
        List<String> out = new ArrayList<>();
        workflow.get("jobs").forEach(j -> out.add(j.get(field).asText()));
        return out;
    }
}
