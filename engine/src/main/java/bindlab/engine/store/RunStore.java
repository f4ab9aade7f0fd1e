// A run's directory on disk: ROOT/NAME/<timestamp>/ holding the manifest, the scenario set as run, the journal and
// any extra files (the coordinator's inventory snapshot), with ROOT/NAME/latest and ROOT/latest naming the newest.
// Whole files are written to a temp file and renamed, so a reader never sees half of one.
package bindlab.engine.store;

import bindlab.engine.BadInput;
import bindlab.engine.InputLimits;
import bindlab.engine.TextFile;
import bindlab.proto.v1.RunManifest;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Map;
import java.util.TimeZone;

public final class RunStore {
    public static final String MANIFEST = "manifest.json";
    public static final String SCENARIOS = "scenarios.scn";
    public static final String REPORT = "report.html";
    public static final String LATEST = "latest";

    private RunStore() {
    }

    /**
     * Creates ROOT/NAME/<timestamp>/ (suffixed if taken) with the files and the manifest, and an empty journal; then
     * repoints the latest links. Nothing is left behind if it fails half-way.
     */
    public static Path create(Path root, String name, RunManifest.Builder manifest, Map<String, String> files)
            throws IOException {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw BadInput.of("--name", "'" + name + "' must be 1-64 letters, digits, _ . - (it names a directory)");
        }
        Path campaign = root.resolve(name);
        Files.createDirectories(campaign);
        SimpleDateFormat stamp = new SimpleDateFormat("yyyyMMdd'T'HHmmss'Z'");
        stamp.setTimeZone(TimeZone.getTimeZone("UTC"));
        String base = stamp.format(new Date());
        Path dir = campaign.resolve(base);
        for (int i = 2; Files.exists(dir); i++) {
            dir = campaign.resolve(base + "-" + i);
        }
        Path tmp = campaign.resolve("." + dir.getFileName() + ".creating");
        deleteTree(tmp);
        Files.createDirectory(tmp);
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                writeAtomically(tmp.resolve(f.getKey()), f.getValue());
            }
            manifest.setRunId(dir.getFileName().toString()).setName(name);
            writeAtomically(tmp.resolve(MANIFEST), JsonFormat.printer().print(manifest.build()) + "\n");
            Journal.create(tmp);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
        link(campaign.resolve(LATEST), dir.getFileName());
        link(root.resolve(LATEST), root.relativize(dir));
        return dir;
    }

    /**
     * A symbolic link on POSIX systems; on Windows (where a link needs a privilege a contributor may lack) a small
     * file holding the relative path, which resolveRun reads the same way.
     */
    private static void link(Path link, Path target) throws IOException {
        Path tmp = link.resolveSibling(LATEST + ".tmp");
        Files.deleteIfExists(tmp);
        if (java.io.File.separatorChar == '/') {
            Files.createSymbolicLink(tmp, target);
        } else {
            Files.write(tmp, (target.toString().replace('\\', '/') + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (Files.isDirectory(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(link + " is a directory, not a latest link");
        }
        Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Where a latest link (or pointer file) leads, or null. */
    private static Path follow(Path latest) throws IOException {
        if (Files.isRegularFile(latest, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.size(latest) < 4096) {
            String rel = new String(Files.readAllBytes(latest), StandardCharsets.UTF_8).trim();
            return rel.isEmpty() ? null : latest.resolveSibling(rel);
        }
        return latest;
    }

    /** A run directory, or a root (or ROOT/NAME) whose latest link names one; BadInput otherwise. */
    public static Path resolveRun(Path path) {
        try {
            if (Files.isRegularFile(path.resolve(Journal.FILE))) {
                return path.toRealPath();
            }
            Path latest = follow(path.resolve(LATEST));
            if (latest != null && Files.isRegularFile(latest.resolve(Journal.FILE))) {
                return latest.toRealPath();
            }
        } catch (IOException e) {
            throw BadInput.of(path.toString(), "cannot be read: " + e.getMessage());
        }
        throw BadInput.of(path.toString(), Files.exists(path) ? "is not a bindlab store: no " + Journal.FILE
                + " in it or in " + path.resolve(LATEST) : "no such file or directory");
    }

    /** The run's manifest; BadInput naming the file when it is missing or malformed. */
    public static RunManifest manifest(Path runDir) {
        Path file = runDir.resolve(MANIFEST);
        String text = TextFile.read(file, InputLimits.MANIFEST_BYTES);
        RunManifest.Builder b = RunManifest.newBuilder();
        try {
            JsonFormat.parser().merge(text, b);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw BadInput.of(file.toString(), "is not a valid manifest: " + e.getMessage());
        }
        return b.build();
    }

    /** Temp file then rename: a reader never sees half a file. */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, text.getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            Object[] paths = walk.sorted(java.util.Comparator.reverseOrder()).toArray();
            for (Object p : paths) {
                Files.deleteIfExists((Path) p);
            }
        }
    }
}
