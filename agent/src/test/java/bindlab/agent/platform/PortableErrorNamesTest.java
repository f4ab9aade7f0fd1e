// Checks that Linux errno and Winsock codes for the same condition get the same portable name, and that no name
// exists on one platform only when the other has the condition too (EWOULDBLOCK vs EAGAIN was such a split).
package bindlab.agent.platform;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.agent.platform.linux.Errno;
import bindlab.agent.platform.windows.WsaErrors;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PortableErrorNamesTest {
    /** {Linux errno, WSA code} of one condition: Winsock's codes are WSABASEERR + the BSD number, Linux's differ. */
    private static final int[][] SAME_CONDITION = {
        {4, 10004}, {9, 10009}, {13, 10013}, {14, 10014}, {22, 10022}, {24, 10024}, {11, 10035}, {115, 10036},
        {114, 10037}, {88, 10038}, {89, 10039}, {90, 10040}, {91, 10041}, {92, 10042}, {93, 10043}, {94, 10044},
        {95, 10045}, {96, 10046}, {97, 10047}, {98, 10048}, {99, 10049}, {100, 10050}, {101, 10051}, {102, 10052},
        {103, 10053}, {104, 10054}, {105, 10055}, {106, 10056}, {107, 10057}, {108, 10058}, {110, 10060},
        {111, 10061}, {112, 10064}, {113, 10065},
    };

    @Test
    void oneConditionHasOneNameOnBothPlatforms() {
        for (int[] pair : SAME_CONDITION) {
            assertThat(WsaErrors.portableName(pair[1])).as("WSA %d vs errno %d", pair[1], pair[0])
                    .isEqualTo(Errno.name(pair[0])).doesNotStartWith("ERRNO_").doesNotStartWith("WSA");
        }
        assertThat(WsaErrors.portableName(10035)).isEqualTo("EAGAIN");
    }

    /** Every POSIX-style name Winsock can produce is one Linux produces too, so a matrix never shows two spellings. */
    @Test
    void everyPosixNameOfWinsockIsALinuxName() {
        Set<String> linux = new TreeSet<String>();
        for (int code = 1; code < 200; code++) {
            linux.add(Errno.name(code));
        }
        Set<String> winsock = new TreeSet<String>();
        for (int code = 10000; code < 11200; code++) {
            String n = WsaErrors.portableName(code);
            if (!n.startsWith("WSA")) {
                winsock.add(n);
            }
        }
        assertThat(linux).containsAll(winsock);
        assertThat(winsock).doesNotContain("EWOULDBLOCK");
    }
}
