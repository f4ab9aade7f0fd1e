// Which socket inodes this process holds: /proc/self/fd links read "socket:[12345]". An inode is this process's or
// not for good (a socket's inode is fixed when it is made, and a socket of ours that lingers after close is
// orphaned, inode 0), so both answers are remembered: the socket API notes each socket it opens or accepts (one
// readlink), and the whole fd list is read only for an inode not seen before (a foreign one, in a shared stack).
package bindlab.agent.platform.linux;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Set;

public final class OwnSockets {
    /** Bounded: sockets come and go for weeks; a cleared cache only costs fd listings until it is warm again. */
    private static final int MAX_CACHED = 8192;
    private static final Set<Long> MINE = new HashSet<Long>();
    private static final Set<Long> FOREIGN = new HashSet<Long>();

    private OwnSockets() {
    }

    /** The socket on this fd is ours: remember its inode (called right after socket() and accept()). */
    public static void note(int fd) {
        long inode = inode(fd);
        if (inode > 0) {
            synchronized (OwnSockets.class) {
                trim();
                MINE.add(inode);
            }
        }
    }

    /** Whether this process holds the socket with that inode (0: never). */
    public static synchronized boolean owns(long inode) {
        if (inode == 0 || FOREIGN.contains(inode)) {
            return false;
        }
        if (MINE.contains(inode)) {
            return true;
        }
        trim();
        MINE.addAll(list());
        if (MINE.contains(inode)) {
            return true;
        }
        FOREIGN.add(inode);
        return false;
    }

    private static void trim() {
        if (MINE.size() + FOREIGN.size() > MAX_CACHED) {
            MINE.clear();
            FOREIGN.clear();
        }
    }

    /** The inode of the socket on fd, or 0 if it is not a socket (or already closed). */
    static long inode(int fd) {
        try {
            return inode(Files.readSymbolicLink(Paths.get("/proc/self/fd/" + fd)).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return 0;
        }
    }

    private static long inode(String link) {
        return link.startsWith("socket:[") ? Long.parseLong(link.substring(8, link.length() - 1)) : 0;
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
                long inode = inode(Files.readSymbolicLink(fd.toPath()).toString());
                if (inode > 0) {
                    inodes.add(inode);
                }
            } catch (IOException | UnsupportedOperationException e) {
                // the fd closed while we listed: not ours any more
            }
        }
        return inodes;
    }
}
