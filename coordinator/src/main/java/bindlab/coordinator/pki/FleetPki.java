// The fleet's certificate authority on disk: creates the CA, issues agent and coordinator certificates (PEM, keys 0600).
package bindlab.coordinator.pki;

import bindlab.engine.BadInput;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Layout of a PKI directory:
 * <pre>
 *   ca.crt  ca.key                                  the fleet CA (the key never leaves this directory)
 *   coordinator/ca.crt coordinator.crt coordinator.key
 *   agents/NAME/ca.crt agent.crt agent.key          one directory per agent: copy it whole to the host
 * </pre>
 * A fleet's keys are RSA (2048 for leaves, 3072 for the CA): every Java 8 runtime and BoringSSL take RSA, which
 * matters on the oldest Windows agents. A lab's are EC P-256 (Keys.EC): its agents are this machine's JDK and the
 * Wine JREs CI checks, and an EC key takes milliseconds where RSA 3072 takes up to seconds. Leaves take the CA's
 * kind. Agent certificates carry the agent's name as CN and may only authenticate a TLS client; the coordinator's
 * carries its addresses and names as subjectAltNames and may only authenticate a server.
 */
public final class FleetPki {
    public static final String CA_CERT = "ca.crt";
    public static final String CA_KEY = "ca.key";
    public static final String COORDINATOR = "coordinator";
    public static final String AGENTS = "agents";
    public static final Duration CA_LIFETIME = Duration.ofDays(3650);
    public static final Duration LEAF_LIFETIME = Duration.ofDays(825);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    /** The kind of keys a PKI is made of; its certificates are signed with SHA-256 and the CA's key. */
    public enum Keys {
        RSA("RSA", "SHA256withRSA", 3072, 2048, KeyUsage.digitalSignature | KeyUsage.keyEncipherment),
        EC("EC", "SHA256withECDSA", 256, 256, KeyUsage.digitalSignature);

        final String algorithm;
        final String signature;
        final int caBits;
        final int leafBits;
        final int leafUsage;

        Keys(String algorithm, String signature, int caBits, int leafBits, int leafUsage) {
            this.algorithm = algorithm;
            this.signature = signature;
            this.caBits = caBits;
            this.leafBits = leafBits;
            this.leafUsage = leafUsage;
        }

        static Keys of(PrivateKey key) {
            return key.getAlgorithm().equals("EC") ? EC : RSA;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;

    private FleetPki(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Creates a new CA with RSA keys in dir; refuses to overwrite one. */
    public static FleetPki init(Path dir, String fleetName, Duration lifetime) throws IOException {
        return init(dir, fleetName, lifetime, Keys.RSA);
    }

    /** The same with keys of that kind (its certificates get the same kind). */
    public static FleetPki init(Path dir, String fleetName, Duration lifetime, Keys kind) throws IOException {
        if (Files.exists(dir.resolve(CA_KEY)) || Files.exists(dir.resolve(CA_CERT))) {
            throw BadInput.of(dir.resolve(CA_CERT).toString(), "a fleet CA exists there already; remove the"
                    + " directory first to start a new fleet (every certificate changes)");
        }
        Files.createDirectories(dir);
        KeyPair kp = keys(kind, kind.caBits);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "bindlab")
                .addRDN(BCStyle.CN, "bindlab fleet CA " + fleetName).build();
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(lifetime)), subject, kp.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
            X509Certificate ca = sign(b, kp.getPrivate());
            writeKey(dir.resolve(CA_KEY), kp.getPrivate());
            writeCert(dir.resolve(CA_CERT), ca);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot create the CA: " + e.getMessage(), e);
        }
        return new FleetPki(dir);
    }

    /** Opens an existing CA directory. */
    public static FleetPki open(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(CA_KEY)) || !Files.isRegularFile(dir.resolve(CA_CERT))) {
            throw new IOException("no fleet CA in " + dir + " (" + CA_CERT + " and " + CA_KEY
                    + "): create one with 'bindlab pki init --dir " + dir + "'");
        }
        return new FleetPki(dir);
    }

    public Path agentDir(String name) {
        return dir.resolve(AGENTS).resolve(name);
    }

    public Path coordinatorDir() {
        return dir.resolve(COORDINATOR);
    }

    /** Issues agents/NAME/{ca.crt,agent.crt,agent.key}: a client certificate whose CN is the agent's name. */
    public Path issueAgent(String name, Duration lifetime) throws IOException {
        return issueAgent(name, Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(lifetime));
    }

    /** As issueAgent, with an explicit validity (tests issue expired certificates with it). */
    public Path issueAgent(String name, Instant notBefore, Instant notAfter) throws IOException {
        if (!NAME.matcher(name).matches()) {
            throw BadInput.of("--agent", "'" + name + "' must be an inventory host name"
                    + " (letters, digits, _ . -; at most 63 characters)");
        }
        Path out = agentDir(name);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "bindlab")
                .addRDN(BCStyle.OU, "agent").addRDN(BCStyle.CN, name).build();
        issue(out, "agent", subject, List.of(), KeyPurposeId.id_kp_clientAuth, notBefore, notAfter);
        return out;
    }

    /**
     * Issues coordinator/{ca.crt,coordinator.crt,coordinator.key}: a server certificate for the given names and
     * address literals, which agents check against the address they dial (or --coordinator-name).
     */
    public Path issueCoordinator(List<String> sans, Duration lifetime) throws IOException {
        if (sans.isEmpty()) {
            throw BadInput.of("--san", "the coordinator's certificate needs at least one: the address or name agents"
                    + " dial (bindlab_listen's host)");
        }
        List<GeneralName> names = new ArrayList<>();
        for (String s : sans) {
            names.add(san(s));
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "bindlab")
                .addRDN(BCStyle.OU, "coordinator").addRDN(BCStyle.CN, sans.get(0)).build();
        Instant now = Instant.now();
        issue(coordinatorDir(), COORDINATOR, subject, names, KeyPurposeId.id_kp_serverAuth,
                now.minus(Duration.ofHours(1)), now.plus(lifetime));
        return coordinatorDir();
    }

    private void issue(Path out, String base, X500Name subject, List<GeneralName> sans, KeyPurposeId purpose,
            Instant notBefore, Instant notAfter) throws IOException {
        X509Certificate ca = PemFiles.readCert(dir.resolve(CA_CERT));
        PrivateKey caKey = readKey(dir.resolve(CA_KEY));
        Keys kind = Keys.of(caKey);
        KeyPair kp = keys(kind, kind.leafBits);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, serial(), Date.from(notBefore),
                    Date.from(notAfter), subject, kp.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(kind.leafUsage))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
            if (!sans.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(sans.toArray(new GeneralName[0])));
            }
            X509Certificate cert = sign(b, caKey);
            Files.createDirectories(out);
            restrictDir(out);
            writeKey(out.resolve(base + ".key"), kp.getPrivate());
            writeCert(out.resolve(base + ".crt"), cert);
            Files.copy(dir.resolve(CA_CERT), out.resolve(CA_CERT), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot issue " + out + ": " + e.getMessage(), e);
        }
    }

    private static GeneralName san(String s) {
        if (s.isEmpty() || s.length() > 253) {
            throw BadInput.of("--san", "'" + s + "' is empty or too long");
        }
        if (com.google.common.net.InetAddresses.isInetAddress(s)) {
            return new GeneralName(GeneralName.iPAddress, s);
        }
        // a '*' only as the whole first label, with a name after it: what agents accept (CoordinatorTrust)
        if (!s.matches("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*")) {
            throw BadInput.of("--san", "'" + s + "' is neither an IP address literal nor a DNS name (a '*' may only"
                    + " stand for a whole first label, as in *.lab.example)");
        }
        return new GeneralName(GeneralName.dNSName, s);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws GeneralSecurityException {
        try {
            X509CertificateHolder h = b.build(new JcaContentSignerBuilder(Keys.of(key).signature).build(key));
            return new JcaX509CertificateConverter().getCertificate(h);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }

    private static KeyPair keys(Keys kind, int bits) throws IOException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(kind.algorithm);
            g.initialize(bits, RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate an " + kind + " key: " + e.getMessage(), e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    /** PKCS#8 PEM ("BEGIN PRIVATE KEY"), which the JDK and netty read without BouncyCastle; mode 0600. */
    private static void writeKey(Path file, PrivateKey key) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
        }
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, w.toString(), StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static void writeCert(Path file, X509Certificate cert) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(cert);
        }
        Files.writeString(file, w.toString(), StandardCharsets.US_ASCII);
    }

    private static void restrictDir(Path d) throws IOException {
        try {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }

    static PrivateKey readKey(Path file) throws IOException {
        try (PEMParser p = new PEMParser(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
            Object o = p.readObject();
            if (o instanceof PrivateKeyInfo info) {
                return new JcaPEMKeyConverter().getPrivateKey(info);
            }
            if (o instanceof org.bouncycastle.openssl.PEMKeyPair pair) {
                return new JcaPEMKeyConverter().getKeyPair(pair).getPrivate();
            }
            throw new IOException(file + ": not an unencrypted PEM private key");
        }
    }
}
