// The firewall verdict from netsh's answers (captured English output, and shapes a localized host would give).
package bindlab.agent.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.agent.platform.HostCheck;
import bindlab.proto.v1.PortRange;
import org.junit.jupiter.api.Test;

class FirewallCheckTest {
    private static final PortRange SANDBOX = PortRange.newBuilder().setLow(40000).setHigh(40999).build();
    private static final String ON = "\r\nDomain Profile Settings: \r\n----------------------------------------------------------------------\r\n"
            + "State                                 ON\r\nOk.\r\n\r\n";
    private static final String OFF = ON.replace(" ON", " OFF");
    private static final String NO_RULE = "No rules match the specified criteria.\r\n";

    static String rule(String enabled, String localPort, String action) {
        return "\r\nRule Name:                            bindlab-agent\r\n"
                + "----------------------------------------------------------------------\r\n"
                + "Enabled:                              " + enabled + "\r\n"
                + "Direction:                            In\r\n"
                + "Profiles:                             Domain,Private,Public\r\n"
                + "Grouping:                             \r\n"
                + "LocalIP:                              Any\r\n"
                + "RemoteIP:                             Any\r\n"
                + "Protocol:                             TCP\r\n"
                + "LocalPort:                            " + localPort + "\r\n"
                + "RemotePort:                           Any\r\n"
                + "Edge traversal:                       No\r\n"
                + "InterfaceTypes:                       Any\r\n"
                + "Security:                             NotRequired\r\n"
                + "Rule source:                          Local Setting\r\n"
                + "Action:                               " + action + "\r\n\r\n";
    }

    @Test
    void noRuleFailsWithTheExactNetshLine() {
        HostCheck c = FirewallCheck.judge(0, ON, 1, NO_RULE, SANDBOX);
        assertThat(c.status).isEqualTo(HostCheck.Status.FAIL);
        assertThat(c.detail).contains("netsh advfirewall firewall add rule name=\"bindlab-agent\" dir=in action=allow"
                + " protocol=TCP localport=40000-40999 profile=any enable=yes");
    }

    @Test
    void aRuleCoveringTheSandboxPasses() {
        assertThat(FirewallCheck.judge(0, ON, 0, rule("Yes", "40000-40999", "Allow") + "Ok.\r\n", SANDBOX).status)
                .isEqualTo(HostCheck.Status.PASS);
        assertThat(FirewallCheck.judge(0, ON, 0, rule("Yes", "39000-39999,40000-41999", "Allow"), SANDBOX).status)
                .isEqualTo(HostCheck.Status.PASS);
        assertThat(FirewallCheck.judge(0, ON, 0, rule("Yes", "Any", "Allow"), SANDBOX).status)
                .isEqualTo(HostCheck.Status.PASS);
    }

    @Test
    void aRuleThatMissesPortsIsDisabledOrBlocksFails() {
        HostCheck narrow = FirewallCheck.judge(0, ON, 0, rule("Yes", "40000-40499", "Allow"), SANDBOX);
        assertThat(narrow.status).isEqualTo(HostCheck.Status.FAIL);
        assertThat(narrow.detail).contains("does not allow TCP 40000-40999").contains("40000-40499")
                .contains("localport=40000-40999");
        assertThat(FirewallCheck.judge(0, ON, 0, rule("No", "40000-40999", "Allow"), SANDBOX).status)
                .isEqualTo(HostCheck.Status.FAIL);
        assertThat(FirewallCheck.judge(0, ON, 0, rule("Yes", "40000-40999", "Block"), SANDBOX).status)
                .isEqualTo(HostCheck.Status.FAIL);
    }

    @Test
    void oneGoodRuleAmongSeveralOfTheSameNameIsEnough() {
        String two = rule("No", "40000-40999", "Allow") + rule("Yes", "40000-40999", "Allow");
        assertThat(FirewallCheck.judge(0, ON, 0, two, SANDBOX).status).isEqualTo(HostCheck.Status.PASS);
    }

    @Test
    void aFirewallThatIsOffNeedsNoRule() {
        assertThat(FirewallCheck.judge(0, OFF, 1, NO_RULE, SANDBOX).status).isEqualTo(HostCheck.Status.PASS);
    }

    /** German netsh: words differ, the dashed rule and the numbers do not. */
    @Test
    void localizedOutputIsReadByShape() {
        String german = "\r\nRegelname:                            bindlab-agent\r\n"
                + "----------------------------------------------------------------------\r\n"
                + "Aktiviert:                            Ja\r\nRichtung:                             Eingehend\r\n"
                + "Profile:                              Domäne,Privat,Öffentlich\r\nGruppierung:                          \r\n"
                + "Lokale IP:                            Beliebig\r\nRemote-IP:                            Beliebig\r\n"
                + "Protokoll:                            TCP\r\nLokaler Port:                         40000-40999\r\n"
                + "Remoteport:                           Beliebig\r\nAktion:                               Zulassen\r\n\r\n";
        String germanOn = ON.replace("State", "Status").replace(" ON", " EIN");
        assertThat(FirewallCheck.judge(0, germanOn, 0, german, SANDBOX).status).isEqualTo(HostCheck.Status.PASS);
        assertThat(FirewallCheck.judge(0, germanOn, 1, "Keine Regeln entsprechen den angegebenen Kriterien.", SANDBOX)
                .status).isEqualTo(HostCheck.Status.FAIL);
    }

    @Test
    void portListsCover() {
        assertThat(FirewallCheck.covers("40000-40999", 40000, 40999)).isTrue();
        assertThat(FirewallCheck.covers("40000-40500, 40501-40999", 40000, 40999)).isTrue();
        assertThat(FirewallCheck.covers("40000-40500,40502-40999", 40000, 40999)).isFalse();
        assertThat(FirewallCheck.covers("40000", 40000, 40000)).isTrue();
    }
}
