package org.modsweep.analysis.report;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Python's {@code ensure_ascii} escaping: \" \\ \b \f \n \r \t, and every other character outside ' '..'~' as
 * {@code \}{@code uxxxx} in lower-case hex, one UTF-16 unit at a time (so a surrogate pair gives two escapes).
 */
final class PythonJsonEscapes extends CharacterEscapes {

    private static final long serialVersionUID = 1L;
    private static final int DEL = 0x7f;

    private final int[] ascii;

    PythonJsonEscapes() {
        ascii = standardAsciiEscapesForJSON(); // the short forms and the quote/backslash escapes Python uses too
        for (int c = 0; c < ascii.length; c++) {
            if (ascii[c] == ESCAPE_STANDARD) {
                ascii[c] = ESCAPE_CUSTOM; // Jackson's own \\u escapes are upper-case hex
            }
        }
        ascii[DEL] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return new SerializedString(String.format("\\u%04x", ch));
    }
}
