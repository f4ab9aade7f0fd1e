// The documented limits on user files: beyond them a file is refused at once with a clear message, so a
// pathological file costs neither minutes nor gigabytes.
package bindlab.engine;

public final class InputLimits {
    /** Scenario files, including a run's own scenarios.scn (the full catalog must fit). */
    public static final long SCENARIO_FILE_BYTES = 64L << 20;
    public static final int SCENARIO_LINE_CHARS = 4096;
    public static final int SCENARIOS_PER_FILE = 200_000;
    /** Inventories and claims files (YAML). */
    public static final long YAML_FILE_BYTES = 4L << 20;
    public static final int YAML_LINE_CHARS = 4096;
    public static final int YAML_NESTING = 32;
    public static final int YAML_ALIASES = 50;
    /** A run's manifest.json. */
    public static final long MANIFEST_BYTES = 64L << 20;
    /** One journal record. */
    public static final int JOURNAL_LINE_BYTES = 4 << 20;

    private InputLimits() {
    }

    /** BadInput naming the first line longer than max characters, if any. */
    public static void checkLineLength(String source, String text, int max) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > max) {
                    throw new BadInput(source, line, "", "line is " + (i - start) + " characters; the limit is " + max);
                }
                line++;
                start = i + 1;
            }
        }
    }
}
