// The agent's side of mutual TLS: its certificate and key, the fleet CA it pins, and the name its certificate gives it.
package bindlab.agent;

import io.grpc.ChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * A directory as 'bindlab pki issue --agent NAME' writes it: ca.crt (the fleet CA, the only one trusted),
 * agent.crt and agent.key (PKCS#8 PEM). PEM is read by the JDK and grpc/netty: no BouncyCastle in the agent.
 */
public final class AgentTls {
    public static final String CA = "ca.crt";
    public static final String CERT = "agent.crt";
    public static final String KEY = "agent.key";

    private final File dir;
    private final X509Certificate cert;

    private AgentTls(File dir, X509Certificate cert) {
        this.dir = dir;
        this.cert = cert;
    }

    /** Reads and checks the directory; every problem names the file. */
    public static AgentTls load(File dir) throws IOException {
        for (String f : new String[] {CA, CERT, KEY}) {
            if (!new File(dir, f).isFile()) {
                throw new IllegalArgumentException("--certs " + dir + ": " + f + " is missing (write the directory with"
                        + " 'bindlab pki issue --agent NAME')");
            }
        }
        X509Certificate cert = read(new File(dir, CERT));
        read(new File(dir, CA));
        try {
            cert.checkValidity(new Date());
        } catch (CertificateExpiredException e) {
            throw new IllegalArgumentException(new File(dir, CERT) + ": the certificate expired on " + cert.getNotAfter()
                    + ": issue a new one with 'bindlab pki issue --agent " + commonName(cert) + "'");
        } catch (CertificateNotYetValidException e) {
            throw new IllegalArgumentException(new File(dir, CERT) + ": the certificate is not valid before "
                    + cert.getNotBefore() + " (is this host's clock right?)");
        }
        if (commonName(cert).isEmpty()) {
            throw new IllegalArgumentException(new File(dir, CERT) + ": the certificate names no agent (no CN)");
        }
        return new AgentTls(dir, cert);
    }

    /** The agent's name: its certificate's common name, the name the coordinator will know it by. */
    public String name() {
        return commonName(cert);
    }

    /** A problem with the key file's permissions (readable by others), or null; POSIX hosts only. */
    public String keyPermissionProblem() {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(new File(dir, KEY).toPath());
            if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)) {
                return new File(dir, KEY) + " is readable by other users: chmod 600 it";
            }
        } catch (UnsupportedOperationException | IOException e) {
            return null; // Windows: the installer restricts the directory's ACL instead
        }
        return null;
    }

    /** The JDK's property naming its default trust store. */
    static final String TRUST_STORE = "javax.net.ssl.trustStore";

    /**
     * Before TLS is set up. The agent trusts the fleet CA alone (CoordinatorTrust), never the JDK's default trust
     * store, yet netty's and the JDK's TLS set-up read and parse it anyway (cacerts, 144 certificates, three times
     * at start on Java 8), and that garbage grew an idle agent's heap: 1.6 MB on Java 8, about 1 MB on 17. "NONE"
     * gives them an empty store. A value given on the command line is kept.
     */
    static void noDefaultTrustStore() {
        if (System.getProperty(TRUST_STORE) == null) {
            System.setProperty(TRUST_STORE, "NONE");
        }
    }

    /** The shaded netty's switch that keeps it from loading netty-tcnative (BoringSSL). */
    static final String NO_OPENSSL = "io.grpc.netty.shaded.io.netty.handler.ssl.noOpenSsl";

    /**
     * Chooses who does TLS: the JDK when it has ALPN (Java 9+, 8u252+), through grpc's OkHttp transport
     * (CoordinatorDial); else the bundled BoringSSL, through Netty, where the jar ships it (Windows x64, Linux
     * x86-64) and where it can run. Netty on its own prefers BoringSSL whenever it loads, and on Windows without
     * ProcessPrng (before 8, Wine before 9) BoringSSL aborts the whole JVM; so netty is told not to look when the JDK
     * does the job. Returns what was chosen; throws, naming the way out, where neither can.
     */
    public static String chooseTlsProvider() {
        String version = System.getProperty("java.version");
        if (jdkHasAlpn()) {
            System.setProperty(NO_OPENSSL, "true");
            return "the JDK's TLS over OkHttp (Java " + version + " has ALPN)";
        }
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean shipped = x64 && (os.startsWith("windows") || os.startsWith("linux"));
        String why = "Java " + version + " has no ALPN (it arrived in 8u252), ";
        if (!shipped) {
            throw new IllegalStateException(why + "and the agent ships no native TLS for " + os + "/" + arch
                    + ": run the agent on Java 8u252 or later");
        }
        if (os.startsWith("windows") && !bindlab.agent.jna.windows.BcryptPrimitives.hasProcessPrng()) {
            throw new IllegalStateException(why + "and the bundled BoringSSL needs ProcessPrng (bcryptprimitives.dll,"
                    + " Windows 8 and later; Wine 9 and later), which this system lacks: run the agent on Java 8u252 or"
                    + " later here");
        }
        return "the bundled BoringSSL over Netty (netty-tcnative; Java " + version + " has no ALPN)";
    }

    /** SSLEngine.getApplicationProtocol: the JDK's ALPN API (Java 9, backported to 8u252). */
    static boolean jdkHasAlpn() {
        try {
            javax.net.ssl.SSLEngine.class.getMethod("getApplicationProtocol");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** Client credentials: this agent's certificate, and trust in the fleet CA alone (CoordinatorTrust). */
    public ChannelCredentials credentials() throws IOException {
        return credentials(dir);
    }

    /**
     * The same credentials from a directory without load()'s checks: tests use it to present an expired or foreign
     * certificate and see the coordinator refuse it.
     */
    public static ChannelCredentials credentials(File dir) throws IOException {
        bindlab.engine.InMemoryKeyStores.oneRound();
        return TlsChannelCredentials.newBuilder()
                .keyManager(new File(dir, CERT), new File(dir, KEY))
                .trustManager(CoordinatorTrust.of(read(new File(dir, CA))))
                .build();
    }

    static X509Certificate read(File f) throws IOException {
        try (InputStream in = new FileInputStream(f)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (CertificateException | ClassCastException e) {
            throw new IllegalArgumentException(f + ": not a PEM X.509 certificate: " + e.getMessage());
        }
    }

    static String commonName(X509Certificate c) {
        try {
            for (Rdn rdn : new LdapName(c.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return "";
        }
        return "";
    }
}
