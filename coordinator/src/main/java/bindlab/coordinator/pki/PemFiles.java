// Reading PEM certificates and the names in them: the agent's name is its certificate's CN.
package bindlab.coordinator.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

public final class PemFiles {
    /** id-kp-clientAuth: agent certificates carry it and nothing else. */
    public static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private PemFiles() {
    }

    public static X509Certificate readCert(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": certificate not found");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (CertificateException e) {
            throw new IOException(file + ": not a PEM X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** The subject's CN, or "" if there is none. */
    public static String commonName(X509Certificate c) {
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

    /** Whether the certificate may authenticate a TLS client (its extended key usage names clientAuth). */
    public static boolean isClientCertificate(X509Certificate c) {
        try {
            List<String> eku = c.getExtendedKeyUsage();
            return eku != null && eku.contains(CLIENT_AUTH);
        } catch (CertificateParsingException e) {
            return false;
        }
    }
}
