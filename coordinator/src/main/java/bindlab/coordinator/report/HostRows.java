// The matrix's rows: one per host name and identity, so a host that was reinstalled or updated under the same
// name becomes a second row instead of mixing two systems' results; each row gets a unique, readable label.
package bindlab.coordinator.report;

import bindlab.proto.v1.CellRecord;
import bindlab.proto.v1.HostIdentity;
import bindlab.proto.v1.MatrixRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class HostRows {
    /** A host name and the identity fields that can change results. */
    record Key(String host, HostIdentity identity) {
    }

    private final Map<Key, String> labels = new HashMap<>();
    private final Map<Key, HostIdentity> identities = new LinkedHashMap<>();
    private final Map<Key, List<String>> runs = new HashMap<>();
    private final Map<Key, String> topologies = new HashMap<>();
    private final List<Key> order;

    private HostRows(List<CellRecord> records) {
        for (CellRecord r : records) {
            Key k = key(r);
            identities.putIfAbsent(k, r.getTargetIdentity());
            topologies.putIfAbsent(k, r.getTopology());
            List<String> rs = runs.computeIfAbsent(k, x -> new ArrayList<>());
            if (!rs.contains(r.getRunId())) {
                rs.add(r.getRunId());
            }
        }
        order = new ArrayList<>(identities.keySet());
        order.sort(Comparator.comparing(Key::identity, HostOrder.IDENTITY).thenComparing(Key::host));
        label();
    }

    static HostRows of(List<CellRecord> records) {
        return new HostRows(records);
    }

    /**
     * The identity without what never changes a result (JVM, hostname, notes) or is derived (display version),
     * and without excluded port ranges, which move between boots.
     */
    static Key key(CellRecord r) {
        HostIdentity id = r.getTargetIdentity();
        return new Key(r.getTargetHost(), HostIdentity.newBuilder()
                .setOsFamily(id.getOsFamily()).setOsName(id.getOsName()).setOsVersion(id.getOsVersion())
                .setBuild(id.getBuild()).setUbr(id.getUbr()).setEdition(id.getEdition()).setArch(id.getArch())
                .putAllStackFiles(id.getStackFilesMap()).setKernel(id.getKernel()).setServer(id.getServer())
                .setWineVersion(id.getWineVersion()).setWineHost(id.getWineHost())
                .setWineWindowsVersion(id.getWineWindowsVersion()).build());
    }

    String label(CellRecord r) {
        return labels.get(key(r));
    }

    /** Row labels in host order. */
    List<String> labels() {
        return order.stream().map(labels::get).toList();
    }

    List<MatrixRow> rows(Set<String> untrusted) {
        List<MatrixRow> out = new ArrayList<>();
        for (Key k : order) {
            String label = labels.get(k);
            out.add(MatrixRow.newBuilder().setRow(label).setHost(k.host()).setIdentity(identities.get(k))
                    .setUntrusted(untrusted.contains(label)).addAllRunIds(runs.get(k)).setTopology(topologies.get(k)).build());
        }
        return out;
    }

    /** The name alone when it has one identity; else name@version ("w10@10.0.19045.3803"), then #2, #3 if needed. */
    private void label() {
        Map<String, Integer> perHost = new HashMap<>();
        order.forEach(k -> perHost.merge(k.host(), 1, Integer::sum));
        Map<String, Integer> seen = new HashMap<>();
        for (Key k : order) {
            String label = perHost.get(k.host()) == 1 ? k.host() : k.host() + "@" + version(k.identity());
            int n = seen.merge(label, 1, Integer::sum);
            labels.put(k, n == 1 ? label : label + "#" + n);
        }
    }

    /** "10.0.19045.3803", "6.1.0-18-amd64", "wine-8.0" (Versions.label): a Wine version never reads as a Windows one. */
    static String version(HostIdentity id) {
        return id.getOsVersion().isEmpty() ? id.getOsFamily() : Versions.label(id);
    }
}
