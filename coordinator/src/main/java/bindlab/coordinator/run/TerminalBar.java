// The campaign's progress bar on a terminal: me.tongfei's progressbar, with an ETA and per-host counts.
package bindlab.coordinator.run;

import bindlab.engine.run.Progress;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

final class TerminalBar implements Progress.Bar {
    private final ProgressBar bar;

    TerminalBar(Map<String, Integer> perHost) {
        int total = perHost.values().stream().mapToInt(Integer::intValue).sum();
        this.bar = new ProgressBarBuilder().setTaskName("cells").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).showSpeed().build();
    }

    @Override
    public void step(String extra) {
        bar.step();
        bar.setExtraMessage(extra);
    }

    @Override
    public void message(String text) {
        bar.setExtraMessage(text);
    }

    @Override
    public void close() {
        bar.close();
    }
}
