// A run's directory on disk: manifest, journal and log under ROOT/<run-id>/, with ROOT/latest pointing at the newest.
package bindlab.coordinator.store;

import bindlab.proto.v1.RunManifest;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

public final class Store {
    public static final String MANIFEST = "manifest.json";
    public static final String LATEST = "latest";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private Store() {
    }

    /** Creates ROOT/<timestamp>/ (suffixed if taken), writes the manifest whole, and repoints ROOT/latest. */
    public static Path create(Path root, RunManifest.Builder manifest) throws IOException {
        Files.createDirectories(root);
        String base = STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
        Path dir = root.resolve(base);
        for (int i = 2; Files.exists(dir); i++) {
            dir = root.resolve(base + "-" + i);
        }
        Files.createDirectory(dir);
        manifest.setRunId(dir.getFileName().toString());
        writeAtomically(dir.resolve(MANIFEST), JsonFormat.printer().print(manifest.build()) + "\n");
        Files.createFile(dir.resolve(Journal.FILE)); // an empty journal: a run that has started and has no cells yet
        Path tmpLink = root.resolve(LATEST + ".tmp");
        Files.deleteIfExists(tmpLink);
        Files.createSymbolicLink(tmpLink, dir.getFileName());
        Files.move(tmpLink, root.resolve(LATEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return dir;
    }

    /** A run directory, or a root whose latest link names one. */
    public static Path resolveRun(Path path) throws IOException {
        if (Files.isRegularFile(path.resolve(Journal.FILE))) {
            return path;
        }
        Path latest = path.resolve(LATEST);
        if (Files.isRegularFile(latest.resolve(Journal.FILE))) {
            return latest.toRealPath();
        }
        throw new IOException(path + " is not a bindlab store: no " + Journal.FILE + " in it or in " + latest);
    }

    public static RunManifest manifest(Path runDir) throws IOException {
        RunManifest.Builder b = RunManifest.newBuilder();
        JsonFormat.parser().merge(Files.readString(runDir.resolve(MANIFEST)), b);
        return b.build();
    }

    /** Temp file then rename: a reader never sees half a file. */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
