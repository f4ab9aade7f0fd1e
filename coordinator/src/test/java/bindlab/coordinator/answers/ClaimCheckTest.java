// Claim verdicts on synthetic Windows-like stores: confirmed, refuted with its cells, untested for another family,
// a version outside the range, or no usable cell; each judged on the probe call it is about.
package bindlab.coordinator.answers;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.coordinator.report.Matrix;
import bindlab.proto.v1.MatrixReport;
import bindlab.proto.v1.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimCheckTest {
    private final MatrixReport fleet = Matrix.build(AnswersFixtures.fleet());

    /** outcome: "[call:]A|B", as a claims file writes it; the call is bind unless given. */
    private static Claim claim(String min, String max, String scenario, String outcome) {
        String call = outcome.contains(":") ? outcome.substring(0, outcome.indexOf(':')) : "bind";
        String rest = outcome.substring(outcome.indexOf(':') + 1);
        return new Claim("t", "a test claim", "a test", "windows", min, max, "",
                List.of(new Claim.Expectation(scenario, call, List.of(rest.split("\\|")), "t.yaml:9")), "t.yaml:1");
    }

    private ClaimCheck.Verdict on(Claim c, String host) {
        return ClaimCheck.check(List.of(c), fleet).stream().filter(v -> v.host().equals(host)).findFirst().orElseThrow();
    }

    @Test
    void confirmedRefutedAndTheRefutingCells() {
        Claim blocks = claim("", "", "conn/*/orphan/accepted/EXCLUSIVEADDRUSE>EXCLUSIVEADDRUSE/wild>wild/v4", "ERROR");
        ClaimCheck.Verdict win7 = on(blocks, "fixture-win7");
        assertThat(win7.verdict()).isEqualTo(ClaimCheck.CONFIRMED);
        assertThat(win7.checked()).isEqualTo(2);
        ClaimCheck.Verdict win8 = on(blocks, "fixture-win8");
        assertThat(win8.verdict()).isEqualTo(ClaimCheck.REFUTED);
        assertThat(win8.refuting()).extracting(ClaimCheck.Refutation::scenarioId)
                .containsExactly(AnswersFixtures.E_FW2, AnswersFixtures.E_TW);
        assertThat(win8.refuting().get(0).expected()).isEqualTo("bind:ERROR");
        assertThat(win8.refuting().get(0).observed()).isEqualTo("OK");
        assertThat(win8.reason()).isEqualTo("2 of 2 cell(s) contradict it; 1 of 1 expectation(s) tested");
        assertThat(on(claim("", "", AnswersFixtures.BOUND, "EACCES|EADDRINUSE"), "fixture-vista").verdict())
                .isEqualTo(ClaimCheck.CONFIRMED);
        ClaimCheck.Verdict refuted = on(claim("", "", AnswersFixtures.BOUND, "OK"), "fixture-vista");
        assertThat(refuted.refuting().get(0).rawCode()).isEqualTo(10013);
        String text = ClaimsText.render(List.of(refuted), false);
        assertThat(text).contains("refuted   t: a test claim")
                .contains("✗ bound/none>REUSEADDR/wild>wild/v4: expected bind:OK, observed bind:EACCES(10013)");
    }

    @Test
    void aBindClaimIsJudgedOnBindAndAListenFailureNeverRefutesIt() {
        // Winsock may defer a wildcard bind's WSAEADDRINUSE to listen(): here bind succeeded, then listen failed
        String id = "listen/none>none/wild>wild/v4";
        String opts = "empty/REUSEADDR+EXCLUSIVEADDRUSE/wild/v4";
        MatrixReport m = Matrix.build(List.of(
                AnswersFixtures.cell(AnswersFixtures.WIN8, id, Outcome.EADDRINUSE).toBuilder().setFailedCall("listen").build(),
                AnswersFixtures.cell(AnswersFixtures.WIN8, opts, Outcome.EINVAL).toBuilder().setFailedCall("setsockopt").build()));
        ClaimCheck.Verdict bindOk = ClaimCheck.check(List.of(claim("", "", id, "OK")), m).get(0);
        assertThat(bindOk.verdict()).isEqualTo(ClaimCheck.CONFIRMED); // bind did succeed
        assertThat(bindOk.checked()).isEqualTo(1);
        ClaimCheck.Verdict bindFails = ClaimCheck.check(List.of(claim("", "", id, "EADDRINUSE")), m).get(0);
        assertThat(bindFails.verdict()).isEqualTo(ClaimCheck.REFUTED); // by the bind that succeeded, and it says so
        assertThat(bindFails.refuting().get(0).expected()).isEqualTo("bind:EADDRINUSE");
        assertThat(bindFails.refuting().get(0).observed()).isEqualTo("listen:EADDRINUSE");
        assertThat(ClaimsText.render(List.of(bindFails), false))
                .contains("expected bind:EADDRINUSE, observed listen:EADDRINUSE(10048)");
        assertThat(ClaimCheck.check(List.of(claim("", "", id, "listen:EADDRINUSE")), m).get(0).verdict())
                .isEqualTo(ClaimCheck.CONFIRMED);
        assertThat(ClaimCheck.check(List.of(claim("", "", id, "probe:ERROR")), m).get(0).verdict())
                .isEqualTo(ClaimCheck.CONFIRMED);
        // a probe that stopped at setsockopt says nothing about bind: left out, not refuted
        ClaimCheck.Verdict notReached = ClaimCheck.check(List.of(claim("", "", opts, "OK")), m).get(0);
        assertThat(notReached.verdict()).isEqualTo(ClaimCheck.UNTESTED);
        assertThat(notReached.reason()).isEqualTo(
                "no usable cell: 1 matching cell(s) left out (bind not reached (setsockopt:EINVAL) 1)");
        assertThat(ClaimCheck.check(List.of(claim("", "", opts, "setsockopt:EINVAL")), m).get(0).verdict())
                .isEqualTo(ClaimCheck.CONFIRMED);
    }

    @Test
    void untestedOutsideRangeOtherFamilyOrWithoutUsableCells() {
        ClaimCheck.Verdict xp = on(claim("", "5.1", AnswersFixtures.BOUND, "EACCES"), "fixture-win7");
        assertThat(xp.verdict()).isEqualTo(ClaimCheck.UNTESTED);
        assertThat(xp.reason()).isEqualTo("6.1.7601 is outside the claim's versions […, 5.1]");
        // 10.0.19045 as max takes in every UBR of that build; min 6.2 leaves out Windows 7
        assertThat(on(claim("6.2", "10.0.19045", AnswersFixtures.BOUND, "EACCES"), "fixture-win10-3031").verdict())
                .isEqualTo(ClaimCheck.CONFIRMED);
        assertThat(on(claim("6.2", "10.0.19045", AnswersFixtures.BOUND, "EACCES"), "fixture-win7").verdict())
                .isEqualTo(ClaimCheck.UNTESTED);
        Claim linux = new Claim("l", "a linux claim", "a test", "linux", "", "", "",
                List.of(new Claim.Expectation(AnswersFixtures.BOUND, "bind", List.of("OK"), "t.yaml:3")), "t.yaml:1");
        assertThat(on(linux, "fixture-win7").reason()).isEqualTo("the host runs windows; the claim is about linux");
        ClaimCheck.Verdict na = on(claim("", "", "seed/TIME_WAIT/REUSEPORT>REUSEPORT", "OK"), "fixture-win7");
        assertThat(na.verdict()).isEqualTo(ClaimCheck.UNTESTED);
        assertThat(na.reason()).isEqualTo("no usable cell: 1 matching cell(s) left out (NOT_APPLICABLE 1)");
        ClaimCheck.Verdict flaky = on(claim("", "", "conn/ESTABLISHED/**", "OK"), "fixture-win8");
        assertThat(flaky.reason()).contains("flaky 1");
        // an untrusted host's cells are never evidence, either way
        assertThat(on(claim("", "", AnswersFixtures.E_FW2, "OK"), "fixture-broken").verdict()).isEqualTo(ClaimCheck.UNTESTED);
        assertThat(on(claim("", "", "no/such/scenario", "OK"), "fixture-win7").reason())
                .isEqualTo("no cell in the stores matches its scenarios");
    }

    @Test
    void eachClaimPatternMatchesTheSameIdsThroughItsPrefixAsByTryingEveryId() {
        List<String> ids = bindlab.engine.scenario.Catalog.ids(bindlab.engine.scenario.Catalog.FULL);
        java.util.NavigableSet<String> sorted = new java.util.TreeSet<>(ids);
        int matched = 0;
        for (Claim c : ClaimsFile.builtIn()) {
            java.util.Map<String, List<Claim.Expectation>> slow = new java.util.HashMap<>();
            for (Claim.Expectation e : c.expectations()) {
                ids.stream().filter(e.glob()::matches)
                        .forEach(id -> slow.computeIfAbsent(id, k -> new java.util.ArrayList<>()).add(e));
            }
            assertThat(ClaimCheck.expectations(c, sorted)).as(c.id()).isEqualTo(slow);
            matched += slow.size();
        }
        assertThat(matched).isGreaterThan(1000); // the claims do reach into the catalog
    }
}
