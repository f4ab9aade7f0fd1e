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

    /**
     * Creates ROOT/NAME/<timestamp>/ (suffixed if taken) with the given files and the manifest, each written whole,
     * and an empty journal; then repoints ROOT/NAME/latest and ROOT/latest at it.
     */
    public static Path create(Path root, String name, RunManifest.Builder manifest, java.util.Map<String, String> files)
            throws IOException {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("--name '" + name + "' must be letters, digits, _ . - (it names a directory)");
        }
        Path campaign = root.resolve(name);
        Files.createDirectories(campaign);
        String base = STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
        Path dir = campaign.resolve(base);
        for (int i = 2; Files.exists(dir); i++) {
            dir = campaign.resolve(base + "-" + i);
        }
        Files.createDirectory(dir);
        for (var f : files.entrySet()) {
            writeAtomically(dir.resolve(f.getKey()), f.getValue());
        }
        manifest.setRunId(dir.getFileName().toString()).setName(name);
        writeAtomically(dir.resolve(MANIFEST), JsonFormat.printer().print(manifest.build()) + "\n");
        Files.createFile(dir.resolve(Journal.FILE)); // an empty journal: a run that has started and has no cells yet
        link(campaign.resolve(LATEST), dir.getFileName());
        link(root.resolve(LATEST), root.relativize(dir));
        return dir;
    }

    private static void link(Path link, Path target) throws IOException {
        Path tmp = link.resolveSibling(LATEST + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, target);
        Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A run directory, or a root (or ROOT/NAME) whose latest link names one. */
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
