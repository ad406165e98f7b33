package org.modsweep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Moduli and ranges have a clear maximum: a huge range is refused at once instead of being counted through. */
class HostileModuliTest {

    @Test
    void aRangeToIntMaxIsRefusedAtOnce() {
        IllegalArgumentException e = assertTimeoutPreemptively(
                Duration.ofSeconds(2),
                () -> assertThrows(IllegalArgumentException.class, () -> ModulusList.parse("3..2147483647")));
        assertTrue(e.getMessage().contains("largest p, " + Modulus.MAX_P), e.getMessage());
    }

    @Test
    void moduliAboveTheMaximumAndBeyondIntAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Modulus.of(Modulus.MAX_P + 2))
                .getMessage()
                .contains("too large"));
        assertThrows(IllegalArgumentException.class, () -> ModulusList.parse("2001"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModulusList.parse("3..99999999999"))
                .getMessage()
                .contains("not an integer"));
        assertThrows(IllegalArgumentException.class, () -> ModulusList.parse("-2147483648..3"));
    }

    @Test
    void theLargestModulusStillHasSizesInsideIntAndLong() {
        Modulus max = Modulus.of(Modulus.MAX_P);
        assertTrue(max.dMlp() > 0 && max.dMlp() < Integer.MAX_VALUE);
        assertEquals(
                (Modulus.MAX_P - 1) / 2,
                ModulusList.parse("3.." + Modulus.MAX_P).size());
    }
}
