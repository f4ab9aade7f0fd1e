// How an agent decides to trust the coordinator it dials: a certificate chain to the fleet CA alone (the JDK's PKIX
// checks), naming the address or name the agent dialled (checked here).
package bindlab.agent;

import com.google.common.net.InetAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The name is checked here rather than by the JDK ("HTTPS" endpoint identification) because the JDK's check reads
 * its whole cacerts file to learn whether the chain ends at a public CA, and Java 8 keeps those 144 certificates for
 * the process's life (with AgentTls.noDefaultTrustStore, 1.6 MB of an idle Java 8 agent). A fleet's CA is never
 * public. The rules are RFC 6125's, a little stricter than the JDK's for a private CA: an address literal matches an
 * iPAddress entry; a name matches a dNSName entry, ignoring case and a final dot, where "*" may stand for the whole
 * first label only. The subject's CN is never used.
 */
final class CoordinatorTrust extends X509ExtendedTrustManager {
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private final X509TrustManager pkix;

    private CoordinatorTrust(X509TrustManager pkix) {
        this.pkix = pkix;
    }

    /** Trust in chains to ca alone. */
    static TrustManager of(X509Certificate ca) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("fleet-ca", ca);
            TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
            f.init(store);
            for (TrustManager m : f.getTrustManagers()) {
                if (m instanceof X509TrustManager) {
                    return new CoordinatorTrust((X509TrustManager) m);
                }
            }
            throw new IOException("the JDK offers no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust the fleet CA: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, authType, engine == null ? null : engine.getPeerHost());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, authType, socket instanceof SSLSocket && ((SSLSocket) socket).getHandshakeSession() != null
                ? ((SSLSocket) socket).getHandshakeSession().getPeerHost() : null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType, null);
    }

    private void check(X509Certificate[] chain, String authType, String host) throws CertificateException {
        pkix.checkServerTrusted(chain, authType); // the chain, validity, key usage; no name
        if (host == null || host.isEmpty()) {
            throw new CertificateException("the coordinator's address is unknown, so its certificate cannot be"
                    + " checked");
        }
        checkName(chain[0].getSubjectAlternativeNames(), host);
    }

    /** Returns if an entry of sans (getSubjectAlternativeNames' form) names host; throws, saying why. */
    static void checkName(Collection<List<?>> sans, String host) throws CertificateException {
        List<String> named = new ArrayList<String>();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean literal = InetAddresses.isInetAddress(bare);
        for (List<?> san : sans == null ? Collections.<List<?>>emptyList() : sans) {
            int type = (Integer) san.get(0);
            if (type != DNS_NAME && type != IP_ADDRESS || !(san.get(1) instanceof String)) {
                continue;
            }
            String value = (String) san.get(1);
            named.add(value);
            if (literal ? type == IP_ADDRESS && sameAddress(value, bare) : type == DNS_NAME && sameName(value, bare)) {
                return;
            }
        }
        throw new CertificateException("the coordinator's certificate does not name " + host + " (it names "
                + (named.isEmpty() ? "nothing" : String.join(", ", named)) + ")");
    }

    private static boolean sameAddress(String san, String host) {
        if (!InetAddresses.isInetAddress(san)) {
            return false;
        }
        InetAddress a = InetAddresses.forString(san);
        InetAddress b = InetAddresses.forString(host);
        return a.equals(b);
    }

    static boolean sameName(String san, String host) {
        String s = trimDot(san.toLowerCase(Locale.ROOT));
        String h = trimDot(host.toLowerCase(Locale.ROOT));
        if (!s.startsWith("*.")) {
            return !s.contains("*") && s.equals(h);
        }
        String rest = s.substring(1); // ".lab.test"
        int firstDot = h.indexOf('.');
        return rest.length() > 1 && !rest.contains("*") && firstDot > 0 && h.substring(firstDot).equals(rest);
    }

    private static String trimDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("an agent accepts no TLS clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("an agent accepts no TLS clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("an agent accepts no TLS clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }
}
