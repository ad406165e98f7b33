package org.modsweep.analysis.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.Instantiatable;
import java.io.IOException;

/**
 * The spacing of Python's {@code json.dump}: compact with ", " and ": " separators, or indented ({@code indent=2}:
 * every member on its own line, "," at line ends, ": " after keys); empty containers stay {@code []} and {@code {}}.
 * Keeps the nesting level, so Jackson makes one instance per document ({@link Instantiatable}).
 */
final class PythonJsonLayout implements PrettyPrinter, Instantiatable<PythonJsonLayout> {

    /** Spaces per level, or −1 for one line. */
    private final int indent;

    private int level;

    PythonJsonLayout(int indent) {
        this.indent = indent;
    }

    @Override
    public PythonJsonLayout createInstance() {
        return new PythonJsonLayout(indent);
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) {
        // one document per file
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
        open(g, '{');
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
        newline(g);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        separator(g);
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
        close(g, entries, '}');
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
        open(g, '[');
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
        newline(g);
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        separator(g);
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
        close(g, values, ']');
    }

    private void open(JsonGenerator g, char bracket) throws IOException {
        g.writeRaw(bracket);
        level++;
    }

    private void separator(JsonGenerator g) throws IOException {
        g.writeRaw(indent < 0 ? ", " : ",");
        newline(g);
    }

    private void close(JsonGenerator g, int members, char bracket) throws IOException {
        level--;
        if (members > 0) {
            newline(g);
        }
        g.writeRaw(bracket);
    }

    private void newline(JsonGenerator g) throws IOException {
        if (indent >= 0) {
            g.writeRaw('\n');
            g.writeRaw(" ".repeat(indent * level));
        }
    }
}
