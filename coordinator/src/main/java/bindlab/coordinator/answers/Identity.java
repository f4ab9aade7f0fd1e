// One host identity as the analyses compare them: OS family and version (plus the stack file version), with the
// hosts that reported it. Several hosts of one build are one identity.
package bindlab.coordinator.answers;

import bindlab.coordinator.report.Families;
import bindlab.coordinator.report.Versions;
import bindlab.proto.v1.HostIdentity;
import java.util.List;

/** key: family, version label and tcpip.sys version; identity: the first reported HostIdentity, for ordering and names. */
public record Identity(String key, String family, String version, String name, HostIdentity identity, List<String> hosts) {

    public static String keyOf(HostIdentity id) {
        return Families.of(id) + " " + Versions.label(id) + " " + id.getStackFilesMap().getOrDefault("tcpip.sys", "");
    }

    /** "6.1.7601 (Windows 7 SP1)". */
    public String describe() {
        return version + " (" + name + ")";
    }
}
