// Reads what this host is: OS, version, build, patch level, architecture; best effort, with notes for gaps.
package bindlab.agent.platform;

import bindlab.proto.v1.HostIdentity;

public interface HostIdentityReader {

    /** Never throws: whatever cannot be read is left empty and explained in HostIdentity.notes. */
    HostIdentity read();
}
