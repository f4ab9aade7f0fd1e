// HostIdentity on Linux: kernel release and build from /proc, distribution from os-release.
package bindlab.agent.platform.linux;

import bindlab.agent.platform.HostIdentityReader;
import bindlab.proto.v1.HostIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

public final class LinuxHostIdentity implements HostIdentityReader {

    @Override
    public HostIdentity read() {
        HostIdentity.Builder id = HostIdentity.newBuilder()
                .setOsFamily("linux")
                .setArch(System.getProperty("os.arch", ""))
                .setJvmVersion(System.getProperty("java.vendor", "") + " " + System.getProperty("java.version", ""));
        id.setOsVersion(readOr(id, "/proc/sys/kernel/osrelease"));
        id.setKernel(readOr(id, "/proc/sys/kernel/version"));
        Map<String, String> osRelease = osRelease(id);
        id.setOsName(first(osRelease, "PRETTY_NAME", "NAME"));
        id.setDisplayVersion(first(osRelease, "VERSION_ID", "VERSION_CODENAME"));
        try {
            id.setHostname(InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            id.addNotes("hostname unreadable: " + e.getMessage());
        }
        return id.build();
    }

    /** Parses os-release(5): KEY=value lines, values optionally quoted. */
    public static Map<String, String> parseOsRelease(String text) {
        Map<String, String> out = new LinkedHashMap<String, String>();
        for (String line : text.split("\n")) {
            line = line.trim();
            int eq = line.indexOf('=');
            if (line.isEmpty() || line.startsWith("#") || eq <= 0) {
                continue;
            }
            String value = line.substring(eq + 1).trim();
            if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))
                    && value.charAt(value.length() - 1) == value.charAt(0)) {
                value = value.substring(1, value.length() - 1);
            }
            out.put(line.substring(0, eq), value.replace("\\\"", "\""));
        }
        return out;
    }

    private static Map<String, String> osRelease(HostIdentity.Builder id) {
        for (String file : new String[] {"/etc/os-release", "/usr/lib/os-release"}) {
            Path p = Paths.get(file);
            if (Files.isReadable(p)) {
                try {
                    return parseOsRelease(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    id.addNotes(file + " unreadable: " + e.getMessage());
                }
            }
        }
        id.addNotes("no os-release file");
        return new LinkedHashMap<String, String>();
    }

    private static String readOr(HostIdentity.Builder id, String file) {
        try {
            return new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            id.addNotes(file + " unreadable: " + e.getMessage());
            return "";
        }
    }

    private static String first(Map<String, String> map, String... keys) {
        for (String k : keys) {
            if (map.containsKey(k)) {
                return map.get(k);
            }
        }
        return "";
    }
}
