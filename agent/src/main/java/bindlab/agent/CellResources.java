// What one cell holds on this agent: its sockets by symbolic name and its filter rules, released together.
package bindlab.agent;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

final class CellResources {
    final Map<String, Long> sockets = new LinkedHashMap<String, Long>();
    final Set<String> rules = new LinkedHashSet<String>();
}
