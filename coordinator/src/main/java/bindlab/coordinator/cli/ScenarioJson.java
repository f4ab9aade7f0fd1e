// The JSON form of 'bindlab scenarios list': each scenario with its dimensions as separate fields.
package bindlab.coordinator.cli;

import bindlab.engine.scenario.Scenario;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.util.List;

final class ScenarioJson {
    private ScenarioJson() {
    }

    static String list(List<Scenario> scenarios) throws InvalidProtocolBufferException {
        ListValue.Builder all = ListValue.newBuilder();
        for (Scenario s : scenarios) {
            Struct.Builder dims = Struct.newBuilder();
            s.dims().forEach((k, v) -> dims.putFields(k, str(v)));
            Struct.Builder o = Struct.newBuilder()
                    .putFields("id", str(s.id()))
                    .putFields("title", str(s.title()))
                    .putFields("intended_states", str(bindlab.engine.scenario.ScenarioPrinter.states(s.states())))
                    .putFields("dimensions", Value.newBuilder().setStructValue(dims).build())
                    .putFields("needs_packet_filter", Value.newBuilder().setBoolValue(s.requiresFilter()).build())
                    .putFields("source", str(s.source()));
            if (s.control() != null) {
                o.putFields("control_expects", str(s.control()));
            }
            all.addValues(Value.newBuilder().setStructValue(o));
        }
        return JsonFormat.printer().print(Value.newBuilder().setListValue(all).build());
    }

    private static Value str(String v) {
        return Value.newBuilder().setStringValue(v).build();
    }
}
