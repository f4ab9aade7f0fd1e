// The fleet's CLI in-process: pki init and issue (files, modes, names, refusals), and the banner that --insecure
// prints at every start.
package bindlab.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.coordinator.pki.PemFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetCliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void pkiInitAndIssueWriteCertificatesWithPrivateKeys() throws Exception {
        Path pki = dir.resolve("pki");
        Path inv = Files.writeString(dir.resolve("inv.yml"), "all:\n  hosts:\n    win10-22h2: {bindlab_role: target}\n"
                + "    linux-peer-1: {bindlab_role: peer}\n");
        assertThat(run("pki", "init", "--dir", pki.toString())).isZero();
        assertThat(mode(pki.resolve("ca.key"))).isEqualTo("rw-------");
        assertThat(run("pki", "issue", "--inventory", inv.toString(), "--dir", pki.toString())).as(err.toString()).isZero();
        assertThat(run("pki", "issue", "--coordinator", "--san", "192.0.2.10", "--san", "coordinator.lab.example",
                "--dir", pki.toString())).as(err.toString()).isZero();
        Path agent = pki.resolve("agents/win10-22h2");
        assertThat(mode(agent.resolve("agent.key"))).isEqualTo("rw-------");
        assertThat(mode(agent)).isEqualTo("rwx------");
        assertThat(Files.readString(agent.resolve("agent.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
        X509Certificate cert = PemFiles.readCert(agent.resolve("agent.crt"));
        assertThat(PemFiles.commonName(cert)).isEqualTo("win10-22h2");
        assertThat(PemFiles.isClientCertificate(cert)).isTrue();
        cert.verify(PemFiles.readCert(pki.resolve("ca.crt")).getPublicKey());
        assertThat(Files.readString(agent.resolve("ca.crt"))).isEqualTo(Files.readString(pki.resolve("ca.crt")));
        X509Certificate coordinator = PemFiles.readCert(pki.resolve("coordinator/coordinator.crt"));
        assertThat(PemFiles.isClientCertificate(coordinator)).isFalse();
        assertThat(coordinator.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(coordinator.getSubjectAlternativeNames().stream().map(l -> String.valueOf(l.get(1))).toList())
                .containsExactly("192.0.2.10", "coordinator.lab.example");

        // nothing is overwritten without --force; a second CA is refused
        assertThat(run("pki", "issue", "--agent", "win10-22h2", "--dir", pki.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("agent.crt: exists already: pass --force");
        assertThat(run("pki", "init", "--dir", pki.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("a fleet CA exists there already");
        assertThat(run("pki", "issue", "--agent", "bad name", "--dir", pki.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("'bad name' must be an inventory host name");
        assertThat(run("pki", "issue", "--coordinator", "--dir", pki.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--san: --coordinator needs --san");
        // a wildcard only as agents accept it: the whole first label
        assertThat(run("pki", "issue", "--coordinator", "--san", "c*.lab.example", "--dir", pki.toString(), "--force"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("'c*.lab.example' is neither an IP address literal nor a DNS name (a '*'"
                + " may only stand for a whole first label");
        assertThat(run("pki", "issue", "--coordinator", "--san", "*abc.lab.example", "--dir", pki.toString(),
                "--force")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("pki", "issue", "--coordinator", "--san", "*.lab.example", "--dir", pki.toString(), "--force"))
                .as(err.toString()).isZero();
    }

    @Test
    void insecurePrintsItsBannerAndWithoutItThePkiMustExist() throws Exception {
        Path inv = Files.writeString(dir.resolve("inv.yml"), "all:\n  vars:\n    bindlab_listen: 127.0.0.1:0\n  hosts:\n"
                + "    t: {bindlab_role: target}\n    p: {bindlab_role: peer}\n");
        assertThat(run("fleet", "status", "--inventory", inv.toString(), "--insecure", "--wait", "0")).isZero();
        assertThat(err.toString()).contains("INSECURE (--insecure): plain-text gRPC, no TLS");
        assertThat(out.toString()).contains("INSECURE plain text");
        assertThat(run("fleet", "status", "--inventory", inv.toString(), "--wait", "0")).isEqualTo(ExitCodes.INFRA);
        assertThat(err.toString()).contains(dir.resolve("bindlab-pki").resolve("ca.crt") + " is missing")
                .contains("bindlab pki init");
    }
}
