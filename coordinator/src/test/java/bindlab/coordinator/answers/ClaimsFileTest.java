// The claims file: the built-in one loads and matches the catalog; bad files fail naming file, line and field.
package bindlab.coordinator.answers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClaimsFileTest {

    @Test
    void builtInClaimsLoadWithSourcesAndEveryPatternMatchesTheCatalog() {
        List<Claim> claims = ClaimsFile.builtIn();
        assertThat(claims).extracting(Claim::id).contains("msdn-reuseaddr-2003-same-user", "msdn-reuseaddr-2003-other-user",
                "msdn-reuseaddr-xp-and-earlier", "msdn-exclusiveaddruse-option-page", "msdn-exclusive-lingering-connection",
                "msblog-2005-active-connections", "trio-2017-exclusive-as-stated", "trio-2017-exclusive-as-run",
                "libuv-exclusive-checks-time-wait", "reuseaddr-plus-exclusive-einval",
                "linux-listener-blocks-reuseaddr-not-reuseport", "linux-connections-need-same-option");
        assertThat(claims).allSatisfy(c -> assertThat(c.source()).isNotBlank());
        assertThat(ClaimsFile.unmatched(claims)).isEmpty();
    }

    @Test
    void theMicrosoftTablesAreThirtySixCellsOfBoundScenarios() {
        Map<String, Claim> byId = ClaimsFile.builtIn().stream().collect(Collectors.toMap(Claim::id, c -> c));
        Claim same = byId.get("msdn-reuseaddr-2003-same-user");
        assertThat(same.expectations()).hasSize(36).allMatch(e -> e.scenario().matches("bound/[A-Za-z]+>[A-Za-z]+/(wild|spec)>(wild|spec)/v4"));
        // spot checks against the published table: D/W then R/W is ACCESS; E/S then D/W succeeds
        assertThat(expected(same, "bound/none>REUSEADDR/wild>wild/v4")).isEqualTo("EACCES");
        assertThat(expected(same, "bound/EXCLUSIVEADDRUSE>none/spec>wild/v4")).isEqualTo("OK");
        Claim other = byId.get("msdn-reuseaddr-2003-other-user");
        assertThat(other.expectations()).hasSize(36).allMatch(e -> e.scenario().endsWith("/v4/other-user"));
        assertThat(expected(other, "bound/none>none/wild>spec/v4/other-user")).isEqualTo("EACCES");
        Claim page = byId.get("msdn-exclusiveaddruse-option-page");
        assertThat(page.expectations()).hasSize(36);
        // the page's three conflicts with the 2003+ table
        assertThat(expected(page, "bound/EXCLUSIVEADDRUSE>none/spec>wild/v4")).isEqualTo("EADDRINUSE");
        assertThat(expected(page, "bound/REUSEADDR>EXCLUSIVEADDRUSE/wild>wild/v4")).isEqualTo("EACCES");
        assertThat(expected(page, "bound/none>REUSEADDR/wild>wild/v4")).isEqualTo("EADDRINUSE");
        assertThat(byId.get("msdn-reuseaddr-xp-and-earlier").maxVersion()).isEqualTo("5.1");
        assertThat(byId.get("trio-2017-exclusive-as-stated").expectations()).extracting(Claim.Expectation::scenario)
                .contains("seed/TIME_WAIT/EXCLUSIVEADDRUSE>EXCLUSIVEADDRUSE");
        assertThat(byId.get("trio-2017-exclusive-as-run").expectations()).extracting(Claim.Expectation::scenario)
                .contains("seed/FIN_WAIT_2/EXCLUSIVEADDRUSE>EXCLUSIVEADDRUSE");
    }

    private static String expected(Claim c, String scenario) {
        return c.expectations().stream().filter(e -> e.scenario().equals(scenario)).findFirst().orElseThrow().expected();
    }

    private static final String GOOD = """
            claims:
              - id: mine
                title: a default listener blocks
                source: my notebook, p. 3
                os_family: linux
                expect:
                  "listen/none>none/wild>wild/v4": EADDRINUSE
            """;

    @Test
    void aUserFileLoads() {
        Claim c = ClaimsFile.parse("mine.yaml", GOOD).get(0);
        assertThat(c.origin()).isEqualTo("mine.yaml:2");
        assertThat(c.expectations().get(0).origin()).isEqualTo("mine.yaml:7");
        assertThat(c.range()).isEqualTo("all versions");
    }

    @Test
    void malformedFilesNameFileLineAndField() {
        assertThatThrownBy(() -> ClaimsFile.parse("c.yaml", GOOD.replace("    source: my notebook, p. 3\n", "")))
                .hasMessage("c.yaml:2: source: claim 'mine': missing");
        assertThatThrownBy(() -> ClaimsFile.parse("c.yaml", GOOD.replace(": EADDRINUSE", ": INUSE")))
                .hasMessageStartingWith("c.yaml:7: expect: claim 'mine', scenario 'listen/none>none/wild>wild/v4':"
                        + " outcome must be one of");
        assertThatThrownBy(() -> ClaimsFile.parse("c.yaml", GOOD.replace("os_family: linux", "os_family: bsd")))
                .hasMessage("c.yaml:5: os_family: claim 'mine': must be windows or linux, got 'bsd'");
        assertThatThrownBy(() -> ClaimsFile.parse("c.yaml", GOOD.replace("    title:", "    titel:")))
                .hasMessageStartingWith("c.yaml:3: titel: claim 'mine': unknown field");
        assertThatThrownBy(() -> ClaimsFile.parse("c.yaml", GOOD + "    min_version: six\n"))
                .hasMessageStartingWith("c.yaml:8: min_version: claim 'mine': must be numbers and dots");
        assertThatThrownBy(() -> ClaimsFile.parse("c.yaml", GOOD.replace("expect:", "expect: [")))
                .hasMessageStartingWith("c.yaml:").hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ClaimsFile.parse("c.yaml", "claims: {}\n"))
                .hasMessage("c.yaml:1: 'claims': must be a list ('- ' items)");
        List<Claim> once = ClaimsFile.parse("a.yaml", GOOD);
        assertThatThrownBy(() -> ClaimsFile.merge(List.of(once, ClaimsFile.parse("b.yaml", GOOD))))
                .hasMessage("b.yaml:2: id: claim 'mine' is already defined at a.yaml:2");
        assertThat(ClaimsFile.unmatched(ClaimsFile.parse("c.yaml", GOOD.replace("listen/none", "lisen/none"))))
                .containsExactly("c.yaml:7: claim 'mine': 'lisen/none>none/wild>wild/v4' matches no scenario in the built-in catalog");
    }
}
