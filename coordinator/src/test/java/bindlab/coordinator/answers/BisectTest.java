// Bisect: the known releases strictly between a boundary's builds, inventory marks, the next one to test, and the
// one-build (UBR) case.
package bindlab.coordinator.answers;

import bindlab.coordinator.report.Versions;
import static org.assertj.core.api.Assertions.assertThat;

import bindlab.proto.v1.HostIdentity;
import bindlab.coordinator.fleet.FleetHost;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BisectTest {

    private static Changes.Boundary boundary(HostIdentity lo, HostIdentity hi) {
        Identity a = new Identity(Identity.keyOf(lo), "windows", Versions.label(lo), Versions.name(lo), lo, java.util.List.of(lo.getHostname()));
        Identity b = new Identity(Identity.keyOf(hi), "windows", Versions.label(hi), Versions.name(hi), hi, java.util.List.of(hi.getHostname()));
        return new Changes.Boundary("windows", AnswersFixtures.E_FW2, new Changes.Point(a, "EADDRINUSE", "EADDRINUSE", 10048),
                new Changes.Point(b, "OK", "", 0));
    }

    @Test
    void nothingKnownBetween7601And9200() {
        Bisect.Result r = Bisect.of(boundary(AnswersFixtures.WIN7, AnswersFixtures.WIN8), Map.of());
        assertThat(r.between()).isEmpty();
        assertThat(r.sameBuild()).isNull();
        assertThat(r.next()).isNull();
        assertThat(BisectText.render(AnswersFixtures.E_FW2, java.util.List.of(r), false))
                .contains("EADDRINUSE up to 6.1.7601 (Windows 7 SP1), OK from 6.2.9200 (Windows 8)")
                .contains("no known release between them");
    }

    @Test
    void releasesBetween9600And17763WithInventoryMarks() {
        HostIdentity w81 = AnswersFixtures.windows("win81", "6.3.9600", 0, false);
        HostIdentity w2019 = AnswersFixtures.windows("w2019", "10.0.17763", 0, true);
        Map<String, FleetHost> inv = Map.of(
                "fixture-w2016", host("fixture-w2016", 14393, -1),
                "fixture-odd", host("fixture-odd", 15000, -1),
                "fixture-late", host("fixture-late", 19045, -1));
        Bisect.Result r = Bisect.of(boundary(w81, w2019), inv);
        assertThat(r.between()).extracting(c -> c.release().build())
                .containsExactly(10240, 10586, 14393, 15063, 16299, 17134);
        assertThat(r.between().get(2).inventoryHosts()).containsExactly("fixture-w2016");
        assertThat(r.between().get(0).inventoryHosts()).isEmpty();
        assertThat(r.unknownBuilds()).extracting(FleetHost::name).containsExactly("fixture-odd");
        assertThat(r.next().release().build()).isEqualTo(14393); // the inventory has it, nearest the middle
        String text = BisectText.render(AnswersFixtures.E_FW2, java.util.List.of(r), true);
        assertThat(text).contains("from 10.0.17763 (Windows Server 2019)") // the host's product type names the end
                .contains("6 known release(s) between them")
                .containsPattern("10\\.0\\.14393 +Windows 10 1607 / Windows Server 2016 +in inventory: fixture-w2016")
                .containsPattern("10\\.0\\.10240 +Windows 10 1507 +not in inventory")
                .contains("inventory host fixture-odd runs build 15000, not in the release table")
                .contains("test next: 10.0.14393 (Windows 10 1607 / Windows Server 2016) on fixture-w2016");
        assertThat(Bisect.of(boundary(w81, w2019), Map.of()).next().release().build()).isEqualTo(14393); // the middle
    }

    @Test
    void oneBuildTwoUbrsIsAPatch() {
        Map<String, FleetHost> inv = Map.of("fixture-mid", host("fixture-mid", 19045, 3000));
        Bisect.Result r = Bisect.of(boundary(AnswersFixtures.W10_OLD, AnswersFixtures.W10_NEW), inv);
        assertThat(r.sameBuild()).isEqualTo("UBR 2965 and 3031");
        assertThat(BisectText.render(AnswersFixtures.D_TW, java.util.List.of(r), true))
                .contains("within one release (Windows 10 22H2) between UBR 2965 and 3031: a patch changed it")
                .contains("inventory hosts with a UBR in between: fixture-mid");
    }

    static FleetHost host(String name, int build, int ubr) {
        return new FleetHost(name, FleetHost.TARGET, "p", Map.of(), 1, Map.of(), build, ubr, Map.of());
    }
}
