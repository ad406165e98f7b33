package org.modsweep.core;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Parses the common {@code --p} syntax: {@code 23}, {@code 3..31} (odd values only), {@code 15,23,29,31}, mixes. */
public final class ModulusList {

    private ModulusList() {}

    public static List<Modulus> parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no moduli given: use e.g. --p 23, --p 3..31 or --p 15,23,29");
        }
        TreeSet<Integer> values = new TreeSet<>();
        for (String part : spec.split(",")) {
            String token = part.trim();
            if (token.isEmpty()) {
                throw new IllegalArgumentException("empty entry in modulus list '" + spec + "'");
            }
            int range = token.indexOf("..");
            if (range >= 0) {
                int lo = parseInt(token.substring(0, range), spec);
                int hi = parseInt(token.substring(range + 2), spec);
                if (lo > hi) {
                    throw new IllegalArgumentException("modulus range '" + token + "' is empty (start > end)");
                }
                Modulus.of(lo % 2 == 0 ? lo + 1 : lo); // validates the lower bound
                if (hi > Modulus.MAX_P) {
                    throw new IllegalArgumentException(
                            "modulus range '" + token + "' ends above the largest p, " + Modulus.MAX_P);
                }
                for (int p = lo; p <= hi; p++) {
                    if (p % 2 == 1) {
                        values.add(p);
                    }
                }
            } else {
                values.add(Modulus.of(parseInt(token, spec)).p());
            }
        }
        List<Modulus> out = new ArrayList<>();
        for (int p : values) {
            out.add(Modulus.of(p));
        }
        return out;
    }

    private static int parseInt(String s, String spec) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s.trim() + "' in modulus list '" + spec + "' is not an integer");
        }
    }
}
