// Test support: an AgentDirectory of fake agents, each present or away as the test says.
package bindlab.engine.run;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

final class FakeDirectory implements AgentDirectory {
    final Map<String, FakeAgent> agents = new ConcurrentHashMap<String, FakeAgent>();
    final Set<String> away = ConcurrentHashMap.newKeySet();

    FakeDirectory add(FakeAgent a) {
        agents.put(a.name(), a);
        return this;
    }

    @Override
    public Agent await(String name, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            if (!away.contains(name) && agents.containsKey(name)) {
                return agents.get(name);
            }
            if (System.currentTimeMillis() >= deadline) {
                return null;
            }
            Thread.sleep(5);
        }
    }
}
