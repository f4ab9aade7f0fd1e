// Merging repeats into cells: majority, agreement, flakiness, and infrastructure errors never counted as results.
package bindlab.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.Endpoint;
import bindlab.proto.v1.MatrixCell;
import bindlab.proto.v1.Outcome;
import bindlab.proto.v1.TcpRow;
import bindlab.proto.v1.TcpState;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixTest {

    private static CellRecord rec(String scenario, Outcome o, int raw, TcpState before) {
        return CellRecord.newBuilder().setRunId("r1").setTargetHost("t").setScenarioId(scenario).setOutcome(o)
                .setRawCode(raw).setErrorName(raw == 98 ? "EADDRINUSE" : "").setPort(40001)
                .addRowsBefore(TcpRow.newBuilder().setLocal(Endpoint.newBuilder().setPort(40001)).setState(before))
                .addRowsBefore(TcpRow.newBuilder().setLocal(Endpoint.newBuilder().setPort(5555)).setState(TcpState.LISTEN))
                .build();
    }

    @Test
    void majorityAgreementAndInfraExcluded() {
        List<CellRecord> records = List.of(
                rec("a", Outcome.EADDRINUSE, 98, TcpState.TIME_WAIT),
                rec("a", Outcome.INFRA_ERROR, 0, TcpState.TIME_WAIT),
                rec("a", Outcome.EADDRINUSE, 98, TcpState.TIME_WAIT),
                rec("a", Outcome.EADDRINUSE, 98, TcpState.TIME_WAIT),
                rec("b", Outcome.SUCCESS, 0, TcpState.ESTABLISHED),
                rec("b", Outcome.EADDRINUSE, 98, TcpState.ESTABLISHED),
                rec("b", Outcome.SUCCESS, 0, TcpState.ESTABLISHED),
                rec("c", Outcome.INFRA_ERROR, 0, TcpState.LISTEN));
        List<MatrixCell> cells = Matrix.build(records).getCellsList();
        MatrixCell a = cells.get(0);
        assertThat(a.getOutcome()).isEqualTo("EADDRINUSE");
        assertThat(a.getRawCode()).isEqualTo(98);
        assertThat(a.getAgreed()).isEqualTo(3);
        assertThat(a.getRepeats()).isEqualTo(3);
        assertThat(a.getInfraErrors()).isEqualTo(1);
        assertThat(a.getFlaky()).isFalse();
        assertThat(a.getStatesBeforeList()).containsExactly("TIME_WAIT"); // only rows on the cell's own port
        MatrixCell b = cells.get(1);
        assertThat(b.getOutcome()).isEqualTo("OK");
        assertThat(b.getAgreed()).isEqualTo(2);
        assertThat(b.getRepeats()).isEqualTo(3);
        assertThat(b.getFlaky()).isTrue();
        assertThat(MatrixText.summary(b)).isEqualTo("OK 2/3 FLAKY");
        MatrixCell c = cells.get(2);
        assertThat(c.getOutcome()).isEqualTo("INFRA_ERROR"); // nothing else to show
        String text = MatrixText.render(Matrix.build(records));
        assertThat(text).contains("EADDRINUSE(98) 3/3").contains("TIME_WAIT -> ");
    }
}
