// Who is on the other end of a call: the agent name its client certificate proves, and the address it came from.
package bindlab.coordinator.hub;

import bindlab.coordinator.pki.PemFiles;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * TLS has already checked the chain against the fleet CA (and refused expired or foreign certificates); this
 * reads the verified leaf: it must be an agent certificate (clientAuth), and its CN is the agent's name. Without
 * TLS (--insecure) there is no name, and the hub falls back to the Hello's, loudly.
 */
final class PeerIdentity implements ServerInterceptor {
    /** The verified certificate's agent name; null without TLS. */
    static final Context.Key<String> NAME = Context.key("bindlab-peer-name");
    /** The remote IP address as text; "" if unknown. */
    static final Context.Key<String> ADDRESS = Context.key("bindlab-peer-address");

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        String address = remote instanceof InetSocketAddress i && i.getAddress() != null
                ? i.getAddress().getHostAddress() : "";
        SSLSession tls = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        String name = null;
        if (tls != null) {
            X509Certificate leaf;
            try {
                Certificate[] chain = tls.getPeerCertificates();
                leaf = (X509Certificate) chain[0];
            } catch (SSLPeerUnverifiedException | ClassCastException | ArrayIndexOutOfBoundsException e) {
                call.close(Status.UNAUTHENTICATED.withDescription("no verified client certificate"), new Metadata());
                return new ServerCall.Listener<>() { };
            }
            if (!PemFiles.isClientCertificate(leaf) || PemFiles.commonName(leaf).isEmpty()) {
                call.close(Status.UNAUTHENTICATED.withDescription("not an agent certificate (clientAuth with a CN)"),
                        new Metadata());
                return new ServerCall.Listener<>() { };
            }
            name = PemFiles.commonName(leaf);
        }
        Context ctx = Context.current().withValue(ADDRESS, address);
        if (name != null) {
            ctx = ctx.withValue(NAME, name);
        }
        return Contexts.interceptCall(ctx, call, headers, next);
    }
}
