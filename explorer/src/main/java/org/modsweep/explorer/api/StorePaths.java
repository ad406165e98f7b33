package org.modsweep.explorer.api;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a file named by a request against the store, lexically, before any file system is touched.
 * The result is a normalised store-relative path ({@code results/p_023/p023_overview.json}); a name that is
 * absolute, carries a scheme, a backslash or a control character, or whose {@code ..} segments climb out of the
 * allowed folder, is refused. Lexical resolution is enough because the store (local directory or object store) is
 * written only by modsweep, which never creates symbolic links.
 */
public final class StorePaths {

    private StorePaths() {}

    /**
     * Joins {@code name} to {@code folder} (store-relative, e.g. {@code results/p_023}) with the given file prefix
     * and returns the normalised store-relative path, refusing anything that leaves {@code folder}.
     */
    public static String resolveInside(String folder, String prefix, String name) {
        if (name == null || name.isEmpty()) {
            throw ApiException.badRequest("no file name given");
        }
        if (name.length() > 200) {
            throw ApiException.badRequest("file name too long");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') {
                throw ApiException.forbidden("file name '" + printable(name) + "' is not allowed");
            }
        }
        if (name.startsWith("/") || name.startsWith("~")) {
            throw ApiException.forbidden("file name '" + printable(name) + "' leaves the results store");
        }
        String joined = folder + "/" + prefix + name;
        String normal = normalise(joined);
        if (normal == null || !normal.startsWith(folder + "/") || normal.length() == folder.length() + 1) {
            throw ApiException.forbidden("file name '" + printable(name) + "' leaves the results store");
        }
        return normal;
    }

    /** Removes {@code .} and {@code ..} segments; null when a {@code ..} climbs above the store root. */
    static String normalise(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String seg : path.split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(seg);
            }
        }
        return String.join("/", parts);
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }
}
