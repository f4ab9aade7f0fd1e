// A small JSON writer for the data the HTML views embed: objects, lists, strings (escaped by MatrixHtml's one
// escaper) and numbers, written in one pass without building a tree.
package bindlab.coordinator.views;

import bindlab.coordinator.report.MatrixHtml;
import java.util.List;
import java.util.function.BiConsumer;

final class Json {
    private final StringBuilder out = new StringBuilder();
    /** Whether the next value or key needs a comma before it. */
    private boolean comma;

    Json open() {
        return start('{');
    }

    Json close() {
        out.append('}');
        comma = true;
        return this;
    }

    Json key(String k) {
        sep();
        out.append(MatrixHtml.jsonString(k)).append(':');
        comma = false;
        return this;
    }

    /** A string, or null. */
    Json str(String s) {
        sep();
        out.append(s == null ? "null" : MatrixHtml.jsonString(s));
        comma = true;
        return this;
    }

    Json num(long n) {
        sep();
        out.append(n);
        comma = true;
        return this;
    }

    /** A list, each item written by item (which must write exactly one value). */
    <T> Json list(List<T> items, BiConsumer<Json, T> item) {
        start('[');
        items.forEach(x -> item.accept(this, x));
        out.append(']');
        comma = true;
        return this;
    }

    /** Opens an object or a list: its first member needs no comma. */
    private Json start(char bracket) {
        sep();
        out.append(bracket);
        comma = false;
        return this;
    }

    private void sep() {
        if (comma) {
            out.append(',');
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
