// grpc's TLS credentials hand our PEM key to netty, which keeps it in an in-memory key store under a random password.
// On Java 9 and later that store is PKCS12, whose key entries the JDK protects with 10,000 rounds of PBKDF2: 0.1-0.2 s
// of CPU at every start on a C1-only JVM (docs/PERFORMANCE.md). The store never leaves memory, so one round protects
// it as well. Java 8's default store (JKS) is not affected.
package bindlab.engine;

public final class InMemoryKeyStores {
    /** The JDK's own property (a security property a system property overrides). */
    static final String ROUNDS = "keystore.pkcs12.keyPbeIterationCount";

    private InMemoryKeyStores() {
    }

    /** Call before building TLS credentials; a value given on the command line is kept. */
    public static void oneRound() {
        if (System.getProperty(ROUNDS) == null) {
            System.setProperty(ROUNDS, "1");
        }
    }
}
