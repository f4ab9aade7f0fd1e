// Another user's sockets on Windows, through fakes of advapi32 and ws2_32: the credentials file, the logon (with its
// fallback and refusals), and the call sequence around socket(): impersonate, create, revert, whatever happens.
package bindlab.agent.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bindlab.agent.jna.windows.Impersonation;
import bindlab.agent.platform.OsResult;
import bindlab.engine.BadInput;
import bindlab.proto.v1.Family;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtherUserTest {
    private static final ExcludedPorts NONE = new ExcludedPorts(Collections::emptyList, 0);
    private static final String FILE = "# written by install.cmd\r\nuser=bindlab-other\r\npassword= p=ss word \r\n";

    @TempDir
    Path tmp;

    @Test
    void theCredentialsFileIsReadWithItsPasswordExactAndNeverPrinted() throws Exception {
        Path f = tmp.resolve("other-user.txt");
        Files.write(f, FILE.getBytes(StandardCharsets.UTF_8));
        OtherUserCredentials c = OtherUserCredentials.read(f);
        assertThat(c.user).isEqualTo("bindlab-other");
        assertThat(c.domain).isEqualTo(".");
        assertThat(c.password).isEqualTo(" p=ss word "); // everything after the first '=', CR dropped
        assertThat(c.toString()).isEqualTo("bindlab-other").doesNotContain("ss word");
        assertThat(OtherUserCredentials.parse("f", "user=u\npassword=x\ndomain=LAB\n").toString()).isEqualTo("LAB\\u");
    }

    @Test
    void aBadCredentialsFileNamesItsFileLineAndKey() {
        expect("user=a\n", "f: password: missing");
        expect("user=a\npassword=b\npasswd=c\n", "f:3: passwd: unknown key");
        expect("user=a\nuser=b\npassword=c\n", "f:2: user: given twice (first at line 1)");
        expect("user=\npassword=c\n", "f:1: user: is empty");
        expect("user=LAB\\a\npassword=c\n", "f:1: user: 'LAB\\a' must be a bare account name");
        expect("just a password\n", "f:1: line: is not key=value");
        assertThatThrownBy(() -> OtherUserCredentials.read(tmp.resolve("missing.txt")))
                .isInstanceOf(BadInput.class).hasMessageContaining("missing.txt");
    }

    private static void expect(String text, String message) {
        assertThatThrownBy(() -> OtherUserCredentials.parse("f", text)).isInstanceOf(BadInput.class)
                .hasMessageStartingWith(message);
    }

    private static OtherUserCredentials who() {
        return OtherUserCredentials.parse("f", "user=bindlab-other\npassword=secret\n");
    }

    @Test
    void theSocketIsCreatedWhileImpersonatingAndTheThreadRevertsRightAfter() throws Exception {
        FakeWinsock ws = new FakeWinsock();
        FakeImpersonation imp = new FakeImpersonation(ws.calls);
        WinsockSocketApi api = new WinsockSocketApi(ws, NONE);
        assertThat(api.canOpenAsOtherUser()).isFalse();
        assertThat(api.openAsOtherUser(Family.INET).unsupported).isTrue();
        assertThat(api.otherUserAccount()).startsWith("none: no other-user account: the agent was started without");

        assertThat(api.useOtherUser(imp, who(), () -> { })).isNull();
        assertThat(api.canOpenAsOtherUser()).isTrue();
        assertThat(api.otherUserAccount()).isEqualTo("bindlab-other");
        // the logon is tried once at start: impersonated and reverted before any cell
        assertThat(ws.calls).containsExactly("WSAStartup", "LogonUser .\\bindlab-other type 2",
                "ImpersonateLoggedOnUser 7700", "RevertToSelf");
        ws.calls.clear();
        OsResult r = api.openAsOtherUser(Family.INET6);
        assertThat(r.ok).isTrue();
        assertThat(ws.calls).containsExactly("ImpersonateLoggedOnUser 7700", "socket", "RevertToSelf");
        ws.calls.clear();
        assertThat(api.open(Family.INET).ok).isTrue(); // an ordinary socket: no impersonation
        assertThat(ws.calls).containsExactly("socket");
    }

    @Test
    void theLogonFallsBackToANetworkLogonOnlyWhereInteractiveIsNotGranted() throws Exception {
        List<String> calls = new ArrayList<String>();
        FakeImpersonation imp = new FakeImpersonation(calls);
        imp.logonErrors = new int[] {Impersonation.ERROR_LOGON_TYPE_NOT_GRANTED};
        OtherUserAccount a = OtherUserAccount.logOn(imp, who(), () -> { });
        assertThat(calls).containsExactly("LogonUser .\\bindlab-other type 2", "LogonUser .\\bindlab-other type 3",
                "ImpersonateLoggedOnUser 7700", "RevertToSelf");
        a.close();
        assertThat(calls).endsWith("CloseHandle 7700");

        calls.clear();
        imp = new FakeImpersonation(calls);
        imp.logonErrors = new int[] {1326};
        FakeImpersonation wrong = imp;
        assertThatThrownBy(() -> OtherUserAccount.logOn(wrong, who(), () -> { }))
                .isInstanceOf(OtherUserAccount.Unavailable.class)
                .hasMessage("account 'bindlab-other' could not log on: ERROR_LOGON_FAILURE (1326)");
        assertThat(calls).hasSize(1); // a wrong password is not retried as another logon type

        // the agent starts all the same, without the capability, and says why
        WinsockSocketApi api = new WinsockSocketApi(new FakeWinsock(), NONE);
        FakeImpersonation disabled = new FakeImpersonation(new ArrayList<String>());
        disabled.logonErrors = new int[] {1331};
        assertThat(api.useOtherUser(disabled, who(), () -> { }))
                .isEqualTo("account 'bindlab-other' could not log on: ERROR_ACCOUNT_DISABLED (1331)");
        assertThat(api.canOpenAsOtherUser()).isFalse();
        assertThat(api.openAsOtherUser(Family.INET).detail).contains("ERROR_ACCOUNT_DISABLED");

        // a logon that works but cannot be impersonated (Wine's stub token; no SeImpersonatePrivilege): said at start
        List<String> seen = new ArrayList<String>();
        FakeImpersonation stub = new FakeImpersonation(seen);
        stub.impersonateError = 6;
        assertThat(api.useOtherUser(stub, who(), () -> { })).isEqualTo("account 'bindlab-other' logged on, but this"
                + " process cannot act as it: ImpersonateLoggedOnUser failed with ERROR_INVALID_HANDLE (6)");
        assertThat(seen).endsWith("CloseHandle 7700");
        assertThat(api.canOpenAsOtherUser()).isFalse();
    }

    @Test
    void whateverHappensInsideTheThreadRevertsAndAFailedRevertNeverLetsItGoOn() throws Exception {
        List<String> calls = new ArrayList<String>();
        FakeImpersonation imp = new FakeImpersonation(calls);
        AtomicInteger stuck = new AtomicInteger();
        OtherUserAccount a = OtherUserAccount.logOn(imp, who(), stuck::incrementAndGet);
        List<Long> closed = new ArrayList<Long>();

        // the impersonation fails: nothing is created, nothing to revert, and it is no OS result
        calls.clear();
        imp.impersonateError = 1346;
        OsResult r = a.open(() -> {
            calls.add("socket");
            return OsResult.ok("socket", 1);
        }, closed::add);
        assertThat(r.ok || r.refused || r.unsupported).isFalse(); // an error of its call: INVALID_SETUP, no result
        assertThat(r.call).isEqualTo("ImpersonateLoggedOnUser");
        assertThat(r.rawCode).isEqualTo(1346);
        assertThat(calls).containsExactly("ImpersonateLoggedOnUser 7700");
        imp.impersonateError = 0;

        // socket() fails as the other user: the thread reverts, the error is the socket's
        calls.clear();
        r = a.open(() -> {
            calls.add("socket");
            return OsResult.error("socket", 10055);
        }, closed::add);
        assertThat(r.rawCode).isEqualTo(10055);
        assertThat(calls).containsExactly("ImpersonateLoggedOnUser 7700", "socket", "RevertToSelf");

        // an exception inside: reverted all the same
        calls.clear();
        assertThatThrownBy(() -> a.open(() -> {
            throw new IllegalStateException("JNA failed");
        }, closed::add)).hasMessage("JNA failed");
        assertThat(calls).containsExactly("ImpersonateLoggedOnUser 7700", "RevertToSelf");
        assertThat(stuck.get()).isZero();

        // the revert fails: the socket made as the other user is closed, and the agent is stopped (stuck)
        calls.clear();
        imp.revertError = 5;
        r = a.open(() -> OsResult.ok("socket", 0x300), closed::add);
        assertThat(closed).containsExactly(0x300L);
        assertThat(stuck.get()).isEqualTo(1);
        assertThat(r.ok || r.refused).isFalse();
        assertThat(r.call).isEqualTo("RevertToSelf");
        assertThat(r.rawCode).isEqualTo(5);
        assertThat(Arrays.asList(calls.get(0), calls.get(1))).containsExactly("ImpersonateLoggedOnUser 7700", "RevertToSelf");
    }
}
