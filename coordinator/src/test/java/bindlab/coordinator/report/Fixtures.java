// Records for the report tests: a real lab run's journal (a committed subset), plus invented Windows-like hosts and
// runs derived from it in code. Every invented host is named fixture-...; none of its outcomes was measured.
package bindlab.coordinator.report;

import bindlab.engine.store.Journal;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.HostIdentity;
import bindlab.proto.v1.Outcome;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public final class Fixtures {
    public static final String REAL_RUN = "20261124T174653Z";

    private Fixtures() {
    }

    /** The directory of the committed subset of a real run (a run directory; see fixtures/README.md). */
    public static Path realRunDir() {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/real-lab-run/journal.jsonl").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<CellRecord> real() {
        return Journal.read(realRunDir());
    }

    static HostIdentity windows(String name, String version, int build, int ubr, String display, String tcpip) {
        HostIdentity.Builder b = HostIdentity.newBuilder().setOsFamily("windows").setOsName(name).setOsVersion(version)
                .setBuild(build).setUbr(ubr).setDisplayVersion(display).setArch("amd64").setHostname("FIXTURE");
        if (tcpip != null) {
            b.putStackFiles("tcpip.sys", tcpip);
        }
        return b.build();
    }

    public static final HostIdentity WIN7 = windows("Windows 7 Professional", "6.1.7601", 7601, 24544, "", "6.1.7601.24540");
    public static final HostIdentity WIN10 = windows("Windows 10 Pro", "10.0.19045", 19045, 3803, "22H2", "10.0.19041.3800");

    /**
     * The real records re-labelled as an invented Windows host in an invented run: EXCLUSIVEADDRUSE scenarios become
     * EADDRINUSE (10048), REUSEPORT ones NOT_APPLICABLE; the rest keep the real outcome. Invented, not measured.
     */
    public static List<CellRecord> invented(String host, HostIdentity id, String runId) {
        List<CellRecord> out = new ArrayList<>();
        for (CellRecord r : real()) {
            CellRecord.Builder b = r.toBuilder().setTargetHost(host).setTargetIdentity(id).setRunId(runId);
            if (r.getScenarioId().contains("EXCLUSIVEADDRUSE")) {
                b.setOutcome(Outcome.EADDRINUSE).setErrorName("EADDRINUSE").setRawCode(10048).setFailedCall("bind")
                        .setReason("");
            } else if (r.getScenarioId().contains("REUSEPORT")) {
                b.setOutcome(Outcome.NOT_APPLICABLE).setErrorName("").setRawCode(0).setFailedCall("")
                        .setReason("fixture: SO_REUSEPORT does not exist on Windows").clearRowsBefore().clearRowsAfter();
            } else if (r.getRawCode() == 98) {
                b.setRawCode(10048);
            }
            out.add(b.build());
        }
        return out;
    }

    /** The same record with another outcome (OK or an error with its code), for flaky and conflicting cells. */
    public static CellRecord withOutcome(CellRecord r, Outcome o, int raw) {
        return r.toBuilder().setOutcome(o).setRawCode(raw).setErrorName(o == Outcome.SUCCESS ? "" : o.name())
                .setFailedCall(o == Outcome.SUCCESS ? "" : "bind").build();
    }

    static CellRecord find(List<CellRecord> records, String scenario) {
        return records.stream().filter(r -> r.getScenarioId().equals(scenario)).findFirst().orElseThrow();
    }

    /**
     * A mixed report: the real host; fixture-win10 (two runs that conflict on one scenario, and a flaky cell with
     * three repeats); fixture-win7 (failed a control, so UNTRUSTED, and missing a few scenarios: "not run").
     */
    public static List<CellRecord> mixed() {
        List<CellRecord> all = new ArrayList<>(real());
        List<CellRecord> win10a = invented("fixture-win10", WIN10, "20250101T000000Z");
        all.addAll(win10a);
        CellRecord tw = find(win10a, "seed/TIME_WAIT/none>none");
        all.add(withOutcome(tw, Outcome.SUCCESS, 0).toBuilder().setRunId("20250202T000000Z").build());
        CellRecord est = find(win10a, "seed/ESTABLISHED/REUSEADDR>REUSEADDR");
        all.add(withOutcome(est, Outcome.EADDRINUSE, 10048).toBuilder().setRepeat(2).build());
        all.add(est.toBuilder().setRepeat(3).build());
        List<CellRecord> win7 = new ArrayList<>(invented("fixture-win7", WIN7, "20250101T000000Z"));
        win7.removeIf(r -> r.getScenarioId().startsWith("conn/CLOSING/"));
        win7.replaceAll(r -> r.getScenarioId().equals("control/fresh-bind")
                ? withOutcome(r, Outcome.EACCES, 10013) : r);
        all.addAll(win7);
        return all;
    }
}
