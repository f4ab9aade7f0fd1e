// The agent's log lines: the hand-written time stamps against SimpleDateFormat (what the agent used before), across
// zones with half- and quarter-hour offsets, daylight saving changes, leap days and years far from 1970.
package bindlab.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;
import java.util.Random;
import java.util.TimeZone;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class AgentLogTest {
    private static final String[] ZONES = {"UTC", "America/New_York", "Asia/Kolkata", "Pacific/Chatham",
        "America/St_Johns", "Australia/Lord_Howe", "Europe/Berlin", "Pacific/Kiritimati"};

    @Test
    void timeStampsAreWhatSimpleDateFormatWrites() {
        Random random = new Random(7);
        long[] fixed = {0L, -1L, 951_782_400_000L /* 2000-02-29 */, 4_107_542_399_999L /* 2100-02-28 */,
            -2_208_988_800_000L /* 1900 */, 1_710_054_000_000L /* a DST change in New York */};
        for (String id : ZONES) {
            TimeZone zone = TimeZone.getTimeZone(id);
            for (int i = 0; i < 2000 + fixed.length; i++) {
                long millis = i < fixed.length ? fixed[i] : random.nextLong() % 8_000_000_000_000L; // 1716 to 2223
                assertThat(stamp(millis, zone, true)).as(id + " " + millis)
                        .isEqualTo(reference("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", millis, zone));
                assertThat(stamp(millis, zone, false)).as(id + " " + millis)
                        .isEqualTo(reference("HH:mm:ss.SSS", millis, zone));
            }
        }
    }

    @Test
    void aLineHasTheLevelInFiveColumnsThenTagAndMessage() {
        LogRecord r = new LogRecord(Level.INFO, "registered");
        r.setMillis(0);
        String line = new AgentLog.Line(false, "agent ").format(r);
        assertThat(line.substring(12)).isEqualTo(" INFO  agent registered" + System.lineSeparator());
        r.setLevel(Level.SEVERE);
        assertThat(new AgentLog.Line(false, "").format(r).substring(12))
                .isEqualTo(" ERROR registered" + System.lineSeparator());
    }

    private static String stamp(long millis, TimeZone zone, boolean dateAndZone) {
        StringBuilder s = new StringBuilder();
        AgentLog.Line.time(s, millis, zone, dateAndZone);
        return s.toString();
    }

    private static String reference(String pattern, long millis, TimeZone zone) {
        SimpleDateFormat f = new SimpleDateFormat(pattern, Locale.ROOT); // Gregorian years, ASCII digits
        f.setTimeZone(zone);
        return f.format(new Date(millis));
    }
}
