package dev.spool.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void argumentsPassedAsOneMavenPropertyAreSplitAtSpaces() {
        BenchOptions o = BenchOptions.parse(new String[] {"quick --rows 9,14 --no-peer"});

        assertThat(o.mode()).isEqualTo("quick");
        assertThat(o.rows()).isEqualTo(Set.of(9, 14));
        assertThat(o.peer()).isFalse();
        assertThat(o.runs()).isEqualTo(1);
        assertThat(o.sizes().backlog()).isEqualTo(20_000);
    }

    @Test
    void fullModeRunsEveryRowThreeTimesWithThePeer() {
        BenchOptions o = BenchOptions.parse(new String[] {""});

        assertThat(o.mode()).isEqualTo("full");
        assertThat(o.runs()).isEqualTo(3);
        assertThat(o.rows()).containsExactlyInAnyOrderElementsOf(BenchOptions.ALL_ROWS);
        assertThat(o.peer()).isTrue();
        assertThat(o.sizes().backlog()).isEqualTo(50_000);
        assertThat(o.sizes().workflows()).isEqualTo(1_000);
        assertThat(o.rows()).contains(16);
        assertThat(o.sizes().nestedWorkflows() * (2 + 3 * o.sizes().nestedChains())).isEqualTo(15_100);
    }

    @Test
    void explicitRunsWinOverTheMode() {
        assertThat(BenchOptions.parse(new String[] {"smoke", "--runs", "2", "--peer", "bullmq"}).runs()).isEqualTo(2);
    }

    @Test
    void badInputNamesTheProblemAndTheUsage() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rows 17"}))
                .hasMessageContaining("no row 17").hasMessageContaining("usage:");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rows x"}))
                .hasMessageContaining("--rows takes numbers").hasMessageContaining("usage:");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--peer sidekiq"}))
                .hasMessageContaining("unknown peer sidekiq");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--runs"})).hasMessageContaining("--runs needs a value");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--fast"})).hasMessageContaining("unknown argument --fast");
    }
}
