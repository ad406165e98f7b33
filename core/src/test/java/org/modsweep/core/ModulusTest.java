package org.modsweep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modsweep.core.config.StudyConfigs;

class ModulusTest {

    @Test
    void dMlpMatchesTheReferenceTable() {
        int[][] table = {
            {3, 512},
            {23, 512},
            {25, 605},
            {27, 706},
            {29, 814},
            {31, 931},
            {33, 1055},
            {37, 1326},
            {41, 1627},
            {43, 1790},
            {47, 2139},
            {53, 2719},
            {59, 3370},
            {61, 3602},
            {67, 4345},
            {69, 4608},
            {71, 4880},
            {73, 5158},
            {79, 6041},
            {83, 6668},
            {89, 7667},
            {97, 9107},
            {99, 9487},
            {199, 38329}
        };
        for (int[] row : table) {
            assertEquals(row[1], Modulus.of(row[0]).dMlp(), "d_mlp at p=" + row[0]);
        }
    }

    @Test
    void rejectsEvenAndSmallModuli() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Modulus.of(24))
                .getMessage()
                .contains("even"));
        assertThrows(IllegalArgumentException.class, () -> Modulus.of(1));
        assertThrows(IllegalArgumentException.class, () -> Modulus.of(-5));
    }

    @Test
    void parsesListsAndRanges() {
        assertEquals(
                List.of(3, 5, 7, 9),
                ModulusList.parse("3..9").stream().map(Modulus::p).toList());
        assertEquals(
                List.of(15, 23, 29, 31),
                ModulusList.parse("31,15,23,29,23").stream().map(Modulus::p).toList());
        assertEquals(
                List.of(3, 5, 23),
                ModulusList.parse("2..5,23").stream().map(Modulus::p).toList().subList(0, 3));
        assertThrows(IllegalArgumentException.class, () -> ModulusList.parse("4"));
        assertThrows(IllegalArgumentException.class, () -> ModulusList.parse("x"));
        assertThrows(IllegalArgumentException.class, () -> ModulusList.parse("9..3"));
    }

    @Test
    void cellIdsAreStableAndGrokkingNeedsP19() {
        Cell c = Cell.of(23, "standard");
        assertEquals("p023-standard", c.id());
        assertEquals(c, Cell.parse("p023-standard"));
        assertThrows(IllegalArgumentException.class, () -> Cell.of(17, "grokking"));
        assertEquals(4, StudyConfigs.forModulus(Modulus.of(17)).size());
        assertEquals(5, StudyConfigs.forModulus(Modulus.of(19)).size());
        assertThrows(IllegalArgumentException.class, () -> StudyConfigs.byKey("nope"));
    }
}
