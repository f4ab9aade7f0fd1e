// Which socket inodes this process holds: /proc/self/fd links read "socket:[12345]". A row with a non-zero inode is
// always held open by some process, and an inode once seen among ours stays ours until its row is gone (a closed
// socket that lingers is orphaned: inode 0). So known inodes are cached, and the fd list is read again only for an
// inode not seen yet: once per new socket instead of once per table read.
package bindlab.agent.platform.linux;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;

public final class OwnSockets {
    /** Bounded: sockets come and go for hours; a cleared cache only costs one fd listing. */
    private static final int MAX_CACHED = 4096;
    private final Set<Long> known = new HashSet<Long>();

    /** Whether this process holds the socket with that inode (0: never). */
    public synchronized boolean owns(long inode) {
        if (inode == 0) {
            return false;
        }
        if (known.contains(inode)) {
            return true;
        }
        if (known.size() > MAX_CACHED) {
            known.clear();
        }
        known.addAll(list());
        return known.contains(inode);
    }

    /** Inodes of the sockets this process holds right now. */
    public static Set<Long> list() {
        Set<Long> inodes = new HashSet<Long>();
        File[] fds = new File("/proc/self/fd").listFiles();
        if (fds == null) {
            return inodes;
        }
        for (File fd : fds) {
            try {
                String target = Files.readSymbolicLink(fd.toPath()).toString();
                if (target.startsWith("socket:[")) {
                    inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                }
            } catch (IOException | UnsupportedOperationException e) {
                // the fd closed while we listed: not ours any more
            }
        }
        return inodes;
    }
}
