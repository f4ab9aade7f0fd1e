// A Windows version number (major.minor.build[.ubr]), parsed from text and ordered as Windows releases are.
package bindlab.winver;

/**
 * Ordered by (major, minor, build, ubr). A version read without its UBR (update build revision) sorts before every
 * patch level of the same build, so 10.0.19045 &lt; 10.0.19045.0 &lt; 10.0.19045.5000; this keeps compareTo
 * consistent with equals. Plain Java: the coordinator orders hosts and bisects with it.
 */
public final class WindowsVersion implements Comparable<WindowsVersion> {
    private static final int NO_UBR = -1;

    private final int major;
    private final int minor;
    private final int build;
    private final int ubr;

    private WindowsVersion(int major, int minor, int build, int ubr) {
        this.major = major;
        this.minor = minor;
        this.build = build;
        this.ubr = ubr;
    }

    public static WindowsVersion of(int major, int minor, int build) {
        return create(major, minor, build, NO_UBR);
    }

    public static WindowsVersion of(int major, int minor, int build, int ubr) {
        if (ubr < 0) {
            throw new IllegalArgumentException("UBR must not be negative: " + ubr);
        }
        return create(major, minor, build, ubr);
    }

    private static WindowsVersion create(int major, int minor, int build, int ubr) {
        if (major < 0 || minor < 0 || build < 0) {
            throw new IllegalArgumentException("version parts must not be negative: " + major + "." + minor + "." + build);
        }
        return new WindowsVersion(major, minor, build, ubr);
    }

    /** "10.0.19045" or "10.0.19045.5000"; surrounding blanks are ignored, anything else is an error. */
    public static WindowsVersion parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("not a Windows version: null");
        }
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 3 && parts.length != 4) {
            throw notAVersion(text);
        }
        int[] numbers = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            numbers[i] = number(parts[i], text);
        }
        return parts.length == 3 ? of(numbers[0], numbers[1], numbers[2])
                : of(numbers[0], numbers[1], numbers[2], numbers[3]);
    }

    /** Digits only, at most 9 of them so the value always fits an int. */
    private static int number(String part, String text) {
        if (part.isEmpty() || part.length() > 9) {
            throw notAVersion(text);
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c < '0' || c > '9') {
                throw notAVersion(text);
            }
        }
        return Integer.parseInt(part);
    }

    private static IllegalArgumentException notAVersion(String text) {
        return new IllegalArgumentException("not a Windows version (want major.minor.build or major.minor.build.ubr): '"
                + text + "'");
    }

    public int major() {
        return major;
    }

    public int minor() {
        return minor;
    }

    public int build() {
        return build;
    }

    public boolean hasUbr() {
        return ubr != NO_UBR;
    }

    /** The update build revision; 0 when unknown (check hasUbr()). */
    public int ubr() {
        return hasUbr() ? ubr : 0;
    }

    public WindowsVersion withoutUbr() {
        return hasUbr() ? of(major, minor, build) : this;
    }

    public WindowsVersion withUbr(int newUbr) {
        return of(major, minor, build, newUbr);
    }

    @Override
    public int compareTo(WindowsVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Integer.compare(build, o.build);
        }
        if (c == 0) {
            c = Integer.compare(ubr, o.ubr);
        }
        return c;
    }

    public boolean isBefore(WindowsVersion o) {
        return compareTo(o) < 0;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WindowsVersion)) {
            return false;
        }
        return compareTo((WindowsVersion) o) == 0;
    }

    @Override
    public int hashCode() {
        return ((major * 31 + minor) * 31 + build) * 31 + ubr;
    }

    /** The text parse() reads back. */
    @Override
    public String toString() {
        String base = major + "." + minor + "." + build;
        return hasUbr() ? base + "." + ubr : base;
    }
}
