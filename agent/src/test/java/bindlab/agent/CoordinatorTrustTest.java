// The name check of the coordinator's certificate (the chain check is the JDK's; FleetSecurityTest dials a rogue
// coordinator with the fleet's certificate under a name it lacks, end to end).
package bindlab.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoordinatorTrustTest {

    private static Collection<List<?>> sans(Object... typeValue) {
        List<List<?>> l = new ArrayList<List<?>>();
        for (int i = 0; i < typeValue.length; i += 2) {
            l.add(Arrays.asList(typeValue[i], typeValue[i + 1]));
        }
        return l;
    }

    private static boolean names(Collection<List<?>> sans, String host) {
        try {
            CoordinatorTrust.checkName(sans, host);
            return true;
        } catch (CertificateException e) {
            return false;
        }
    }

    @Test
    void anAddressMatchesOnlyAnAddressEntryOfTheSameAddress() {
        Collection<List<?>> s = sans(7, "127.0.0.1", 2, "127.0.0.2");
        assertThat(names(s, "127.0.0.1")).isTrue();
        assertThat(names(s, "127.0.0.2")).as("a dNSName entry spelling an address").isFalse();
        assertThat(names(s, "127.0.0.3")).isFalse();
        assertThat(names(sans(7, "0:0:0:0:0:0:0:1"), "::1")).isTrue();
        assertThat(names(sans(7, "0:0:0:0:0:0:0:1"), "[::1]")).isTrue();
        assertThat(names(sans(7, "2001:2::1"), "2001:2::2")).isFalse();
    }

    @Test
    void aNameMatchesADnsEntryIgnoringCaseAndAFinalDot() {
        Collection<List<?>> s = sans(2, "Coordinator.Test", 7, "127.0.0.1");
        assertThat(names(s, "coordinator.test")).isTrue();
        assertThat(names(s, "COORDINATOR.test.")).isTrue();
        assertThat(names(s, "other.test")).isFalse();
        assertThat(names(s, "coordinator.test.example")).isFalse();
        assertThat(names(sans(7, "127.0.0.1"), "localhost")).as("an address entry never names a name").isFalse();
    }

    @Test
    void aStarStandsForTheWholeFirstLabelOnly() {
        Collection<List<?>> s = sans(2, "*.lab.test");
        assertThat(names(s, "c1.lab.test")).isTrue();
        assertThat(names(s, "lab.test")).isFalse();
        assertThat(names(s, "a.c1.lab.test")).isFalse();
        assertThat(names(sans(2, "c*.lab.test"), "c1.lab.test")).isFalse();
        assertThat(names(sans(2, "*.*.test"), "a.b.test")).isFalse();
        assertThat(names(sans(2, "*."), "a.")).isFalse();
    }

    @Test
    void theJdksDefaultTrustIsEmptyOnceTheAgentSaysNone() throws Exception {
        String text = ChildJvm.run(DefaultTrust.class);
        assertThat(text).contains("after: 0 trusted").doesNotContain("before: 0 trusted").contains("before: ");
        assertThat(ChildJvm.run(DefaultTrust.class, "-Djavax.net.ssl.trustStore=/given")).contains("kept: /given");
    }

    /** In a fresh JVM: how many CAs the JDK's default trust manager holds before and after noDefaultTrustStore. */
    public static final class DefaultTrust {
        public static void main(String[] args) throws Exception {
            if (System.getProperty(AgentTls.TRUST_STORE) != null) {
                AgentTls.noDefaultTrustStore();
                System.out.println("kept: " + System.getProperty(AgentTls.TRUST_STORE));
                return;
            }
            System.out.println("before: " + trusted() + " trusted");
            AgentTls.noDefaultTrustStore();
            System.out.println("after: " + trusted() + " trusted");
        }

        static int trusted() throws Exception {
            javax.net.ssl.TrustManagerFactory f = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
            f.init((java.security.KeyStore) null);
            return ((javax.net.ssl.X509TrustManager) f.getTrustManagers()[0]).getAcceptedIssuers().length;
        }
    }

    @Test
    void theRefusalSaysWhatTheCertificateNames() {
        assertThatThrownBy(() -> CoordinatorTrust.checkName(sans(2, "coordinator.test", 7, "127.0.0.1"), "other.test"))
                .isInstanceOf(CertificateException.class)
                .hasMessage("the coordinator's certificate does not name other.test (it names coordinator.test,"
                        + " 127.0.0.1)");
        assertThatThrownBy(() -> CoordinatorTrust.checkName(null, "127.0.0.1"))
                .hasMessageContaining("(it names nothing)");
        assertThat(names(sans(1, "coordinator@test", 2, "c.test"), "c.test")).as("other entry kinds are skipped")
                .isTrue();
    }
}
