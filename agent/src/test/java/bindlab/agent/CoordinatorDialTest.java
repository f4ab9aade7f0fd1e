// The agent's transport over TCP: grpc's OkHttp, plain text and with the JDK's TLS, and no Netty class loaded (the
// footprint depends on it; docs/PERFORMANCE.md). Runs on Java 17 and again on Java 8.
package bindlab.agent;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.proto.v1.AgentLinkGrpc;
import bindlab.proto.v1.AgentMessage;
import bindlab.proto.v1.CoordinatorMessage;
import bindlab.proto.v1.Hello;
import bindlab.proto.v1.Welcome;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CoordinatorDialTest {

    @Test
    void tcpGoesThroughOkHttpAndLoadsNoNettyClass() throws Exception {
        final List<String> hellos = new ArrayList<String>();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new AgentLinkGrpc.AgentLinkImplBase() {
                    @Override
                    public StreamObserver<AgentMessage> connect(final StreamObserver<CoordinatorMessage> out) {
                        return new StreamObserver<AgentMessage>() {
                            @Override
                            public void onNext(AgentMessage m) {
                                synchronized (hellos) {
                                    hellos.add(m.getHello().getAgentName());
                                }
                                out.onNext(CoordinatorMessage.newBuilder().setWelcome(Welcome.getDefaultInstance())
                                        .build());
                            }

                            @Override
                            public void onError(Throwable t) {
                            }

                            @Override
                            public void onCompleted() {
                                out.onCompleted();
                            }
                        };
                    }
                }).build().start();
        try {
            String out = ChildJvm.run(Dial.class, "-verbose:class", "-Dport=" + server.getPort());
            assertThat(out).contains("plain text: welcomed").contains("TLS to a plain-text server: failed");
            synchronized (hellos) {
                assertThat(hellos).containsExactly("dial-probe");
            }
            assertThat(out).contains("io.grpc.okhttp.OkHttpClientTransport");
            List<String> netty = new ArrayList<String>();
            for (String line : out.split("\n")) {
                // grpc's name resolver registry instantiates every provider on the class path, netty-shaded's
                // Unix-socket one too: two small classes, no Netty
                if (line.contains("io.grpc.netty") && !line.contains("io.grpc.netty.UdsNameResolver")) {
                    netty.add(line);
                }
            }
            assertThat(netty).as("Netty classes the agent's TCP dial loaded").isEmpty();
        } finally {
            server.shutdownNow();
        }
    }

    /** In a fresh JVM: dials in plain text and is welcomed, then tries TLS against the same plain-text server. */
    public static final class Dial {
        public static void main(String[] args) throws Exception {
            InetSocketAddress coordinator = new InetSocketAddress("127.0.0.1", Integer.getInteger("port"));
            ManagedChannel plain = CoordinatorDial.channel(null, coordinator, null, null);
            System.out.println("plain text: " + (welcomed(plain) ? "welcomed" : "not welcomed"));
            plain.shutdownNow();
            ManagedChannel tls = CoordinatorDial.channel(null, coordinator, TlsChannelCredentials.create(), null);
            System.out.println("TLS to a plain-text server: " + (welcomed(tls) ? "welcomed" : "failed"));
            tls.shutdownNow();
        }

        static boolean welcomed(ManagedChannel ch) throws InterruptedException {
            final CountDownLatch done = new CountDownLatch(1);
            final AtomicReference<Boolean> welcome = new AtomicReference<Boolean>(false);
            StreamObserver<AgentMessage> up = AgentLinkGrpc.newStub(ch).connect(new StreamObserver<CoordinatorMessage>() {
                @Override
                public void onNext(CoordinatorMessage m) {
                    welcome.set(m.hasWelcome());
                    done.countDown();
                }

                @Override
                public void onError(Throwable t) {
                    done.countDown();
                }

                @Override
                public void onCompleted() {
                    done.countDown();
                }
            });
            up.onNext(AgentMessage.newBuilder().setHello(Hello.newBuilder().setAgentName("dial-probe")).build());
            done.await(20, TimeUnit.SECONDS);
            up.onCompleted();
            return welcome.get();
        }
    }
}
