// bench/TransportClient.java: one gRPC client with nothing of bindlab in it, on Netty or on OkHttp, in plain text or
// mutual TLS: it makes one call to a coordinator (a method the server does not have: UNIMPLEMENTED, after the
// handshake and HTTP/2 set-up), idles, and prints its VmRSS. Weighs the transport alone (bench/transport.sh).
//   java -cp CLASSES:DEPS TransportClient netty|okhttp PORT CERT_DIR|plain IDLE_SECONDS
import io.grpc.CallOptions;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

public class TransportClient {
    static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<byte[]>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream in) {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[4096];
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                }
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    public static void main(String[] args) throws Exception {
        String transport = args[0];
        int port = Integer.parseInt(args[1]);
        ChannelCredentials creds = args[2].equals("plain") ? InsecureChannelCredentials.create()
                : TlsChannelCredentials.newBuilder().keyManager(new File(args[2], "agent.crt"),
                        new File(args[2], "agent.key")).trustManager(new File(args[2], "ca.crt")).build();
        ManagedChannel channel = transport.equals("okhttp")
                ? io.grpc.okhttp.OkHttpChannelBuilder.forAddress("127.0.0.1", port, creds).build()
                : io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forAddress("127.0.0.1", port, creds).build();
        MethodDescriptor<byte[], byte[]> none = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("bindlab.bench.Nothing/Here")
                .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
        try {
            ClientCalls.blockingUnaryCall(channel, none, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                    new byte[0]);
            throw new IllegalStateException("the server answered a method it does not have");
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                throw e; // the handshake or the connection failed: no figure
            }
        }
        Thread.sleep(Integer.parseInt(args[3]) * 1000L);
        for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                System.out.println(line.replaceAll("[^0-9]", ""));
            }
        }
        channel.shutdownNow();
    }
}
