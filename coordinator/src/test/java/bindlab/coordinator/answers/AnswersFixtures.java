// Synthetic journal records and stores with Windows-like identities, for tests only: every host is named
// "fixture-...", and nothing here is a measurement of Windows.
package bindlab.coordinator.answers;

import bindlab.engine.store.Journal;
import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.HostIdentity;
import bindlab.proto.v1.Outcome;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public final class AnswersFixtures {
    public static final String E_FW2 = "conn/FIN_WAIT_2/orphan/accepted/EXCLUSIVEADDRUSE>EXCLUSIVEADDRUSE/wild>wild/v4";
    public static final String E_TW = "conn/TIME_WAIT/orphan/accepted/EXCLUSIVEADDRUSE>EXCLUSIVEADDRUSE/wild>wild/v4";
    public static final String D_TW = "conn/TIME_WAIT/orphan/accepted/none>none/wild>wild/v4";
    public static final String BOUND = "bound/none>REUSEADDR/wild>wild/v4";

    private AnswersFixtures() {
    }

    /** A fixture Windows host: "fixture-" + name, version major.minor.build, UBR, client or server. */
    public static HostIdentity windows(String name, String version, int ubr, boolean server) {
        String[] p = version.split("\\.");
        return HostIdentity.newBuilder().setOsFamily("windows").setOsName("fixture Windows").setOsVersion(version)
                .setBuild(Integer.parseInt(p[2])).setUbr(ubr).setServer(server).setHostname("fixture-" + name).build();
    }

    public static CellRecord cell(HostIdentity id, String scenario, Outcome o) {
        int raw = switch (o) {
            case EADDRINUSE -> 10048;
            case EACCES -> 10013;
            case EINVAL -> 10022;
            default -> 0;
        };
        return CellRecord.newBuilder().setRunId("fixture-run").setScenarioId(scenario).setTargetHost(id.getHostname())
                .setPeerHost("fixture-peer").setTargetIdentity(id).setRepeat(1).setAttempt(1).setOutcome(o)
                .setRawCode(raw).setErrorName(raw == 0 ? "" : o.name()).setFailedCall(raw == 0 ? "" : "bind").build();
    }

    public static final HostIdentity VISTA = windows("vista", "6.0.6002", 0, false);
    public static final HostIdentity WIN7 = windows("win7", "6.1.7601", 0, false);
    public static final HostIdentity WIN8 = windows("win8", "6.2.9200", 0, false);
    public static final HostIdentity W2016 = windows("w2016", "10.0.14393", 0, true);
    public static final HostIdentity W10_OLD = windows("win10-2965", "10.0.19045", 2965, false);
    public static final HostIdentity W10_NEW = windows("win10-3031", "10.0.19045", 3031, false);

    /**
     * A made-up fleet: SO_EXCLUSIVEADDRUSE over FIN_WAIT_2 and TIME_WAIT flips from EADDRINUSE to OK between Windows 7
     * and 8; the default bind over TIME_WAIT flips between two UBRs of 19045; the bound-socket cell is EACCES
     * throughout. Plus a flaky cell, a NOT_APPLICABLE one and an untrusted host, which must be left out.
     */
    public static List<CellRecord> fleet() {
        List<CellRecord> r = new ArrayList<>();
        for (HostIdentity id : List.of(VISTA, WIN7)) {
            r.add(cell(id, E_FW2, Outcome.EADDRINUSE));
            r.add(cell(id, E_TW, Outcome.EADDRINUSE));
        }
        for (HostIdentity id : List.of(WIN8, W2016, W10_OLD, W10_NEW)) {
            r.add(cell(id, E_FW2, Outcome.SUCCESS));
            r.add(cell(id, E_TW, Outcome.SUCCESS));
        }
        for (HostIdentity id : List.of(VISTA, WIN7, WIN8, W2016, W10_OLD)) {
            r.add(cell(id, D_TW, Outcome.SUCCESS));
        }
        r.add(cell(W10_NEW, D_TW, Outcome.EADDRINUSE));
        for (HostIdentity id : List.of(VISTA, WIN7, WIN8, W2016, W10_OLD, W10_NEW)) {
            r.add(cell(id, BOUND, Outcome.EACCES));
            r.add(cell(id, "seed/TIME_WAIT/REUSEPORT>REUSEPORT", Outcome.NOT_APPLICABLE));
        }
        // flaky: two repeats disagree on Windows 8
        r.add(cell(WIN8, "conn/ESTABLISHED/open/accepted/none>none/wild>wild/v4", Outcome.SUCCESS));
        r.add(cell(WIN8, "conn/ESTABLISHED/open/accepted/none>none/wild>wild/v4", Outcome.EADDRINUSE));
        // an untrusted host: it failed a control, so its EADDRINUSE must not make a boundary
        HostIdentity bad = windows("broken", "10.0.17763", 0, true);
        r.add(cell(bad, "control/fresh-bind", Outcome.EADDRINUSE).toBuilder().setControl(true).setControlExpected("OK").build());
        r.add(cell(bad, E_FW2, Outcome.EADDRINUSE));
        return r;
    }

    /** Writes records as a run directory (journal.jsonl) under dir; returns the run directory. */
    public static Path store(Path dir, List<CellRecord> records) throws IOException {
        Path run = dir.resolve("fixture-run");
        Files.createDirectories(run);
        StringBuilder text = new StringBuilder();
        for (CellRecord c : records) {
            text.append(JsonFormat.printer().omittingInsignificantWhitespace().print(c)).append('\n');
        }
        Files.writeString(run.resolve(Journal.FILE), text.toString());
        return run;
    }

    /** A committed real-journal excerpt, copied into dir as a run directory. */
    public static Path realExcerpt(Path dir, String resource) throws IOException {
        Path run = dir.resolve(resource.replace(".jsonl", ""));
        Files.createDirectories(run);
        try (InputStream in = AnswersFixtures.class.getResourceAsStream("/fixtures/" + resource)) {
            Files.writeString(run.resolve(Journal.FILE), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        return run;
    }
}
