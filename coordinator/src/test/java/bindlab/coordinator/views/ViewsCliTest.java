// bindlab matrix --view tables and bindlab changes --format timeline-md|timeline-html in-process, on synthetic
// fixture stores (left under target/fixture-stores to try by hand) and a real Linux excerpt; bad input is exit 2.
package bindlab.coordinator.views;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.coordinator.answers.AnswersFixtures;
import bindlab.coordinator.cli.Main;
import bindlab.engine.store.Journal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ViewsCliTest {
    @TempDir
    Path tmp;
    Path claims;
    Path timeline;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** The fixture stores, also left under target/ so the README's commands can be run by hand. */
    @BeforeEach
    void stores() throws Exception {
        claims = AnswersFixtures.store(Path.of("target", "fixture-stores", "claim-fixture"), ViewFixtures.claimFleet());
        timeline = AnswersFixtures.store(Path.of("target", "fixture-stores", "timeline-fixture"),
                ViewFixtures.timelineFleet());
        assertThat(Journal.read(timeline)).containsExactlyElementsOf(ViewFixtures.timelineFleet());
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void tablesInTextAndMarkdownForAHostAgainstAnotherAndAgainstAClaim() {
        assertThat(run("matrix", claims.toString(), "--view", "tables", "--host", "fixture-win7", "--against",
                "fixture-win10-3031")).isZero();
        assertThat(out.toString()).contains("Over a bound socket, IPv4 [fixture-win7 vs fixture-win10-3031]")
                .contains("*OK | EADDRINUSE(10048)");
        out.getBuffer().setLength(0);
        assertThat(run("matrix", claims.toString(), "--view", "tables", "--host", "fixture-win10-3031", "--claim",
                ViewFixtures.MSDN, "--format", "md")).isZero();
        assertThat(out.toString()).contains("#### Over a bound socket, IPv4 · `fixture-win10-3031 vs claim "
                + ViewFixtures.MSDN + "`").contains("**EACCES(10013) / claim: EADDRINUSE**");
    }

    @Test
    void theHtmlReportOpensOnTheTablesView() throws Exception {
        Path html = tmp.resolve("t.html");
        assertThat(run("matrix", claims.toString(), "--view", "tables", "--host", "fixture-win7", "--format", "html",
                "--out", html.toString())).isZero();
        assertThat(Files.readString(html)).contains("\"start\":{\"view\":\"tables\",\"host\":\"fixture-win7\"");
    }

    @Test
    void badHostClaimOrFormatIsExitTwoNamingIt() {
        assertThat(run("matrix", claims.toString(), "--view", "tables", "--host", "nope")).isEqualTo(2);
        assertThat(err.toString()).contains("no host 'nope'").contains("fixture-win7");
        assertThat(run("matrix", claims.toString(), "--view", "tables", "--host", "fixture-win7", "--claim", "nope"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("no claim 'nope'");
        assertThat(run("matrix", claims.toString(), "--view", "tables", "--format", "csv")).isEqualTo(2);
        assertThat(err.toString()).contains("--view tables").contains("text, md or html");
        assertThat(run("matrix", claims.toString(), "--host", "fixture-win7")).isEqualTo(2);
        assertThat(err.toString()).contains("add --view tables");
    }

    @Test
    void changesAsATimelineInMarkdownAndHtml() throws Exception {
        assertThat(run("changes", timeline.toString(), "--format", "timeline-md")).isZero();
        assertThat(out.toString()).startsWith("### bindlab version timeline").contains("| 1: EADDRINUSE → OK |")
                .contains("test next");
        out.getBuffer().setLength(0);
        assertThat(run("changes", timeline.toString(), "--format", "timeline-html")).isZero();
        assertThat(out.toString()).startsWith("<!DOCTYPE html>").contains("data-boundary=\"upper\"");
        assertThat(run("changes", timeline.toString(), "--format", "timeline")).isEqualTo(2);
        assertThat(err.toString()).contains("timeline-md or timeline-html");
    }
}
