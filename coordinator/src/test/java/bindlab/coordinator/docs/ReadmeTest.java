// The README's lists that mirror code tables stay equal to them: the verbs (with their usage) in table order.
package bindlab.coordinator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import bindlab.engine.scenario.Verb;
import bindlab.engine.scenario.Verbs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReadmeTest {
    @Test
    void theVerbListIsTheVerbTable() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        int at = readme.indexOf("- **Verbs**");
        String bullet = readme.substring(at, readme.indexOf("\n- **", at + 1));
        List<String> listed = new ArrayList<>();
        Matcher m = Pattern.compile("`([a-z-]+ [^`]*)`").matcher(bullet.replace("\n  ", " "));
        while (m.find()) {
            if (!m.group(1).startsWith("timeout=")) {
                listed.add(m.group(1));
            }
        }
        assertThat(listed).containsExactlyElementsOf(Verbs.all().stream().map(Verb::usage).toList());
    }
}
