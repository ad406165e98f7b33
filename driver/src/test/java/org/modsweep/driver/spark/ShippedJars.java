package org.modsweep.driver.spark;

import java.util.List;

/** For tests outside this package: the jars a sweep on a cluster master ships ({@link ApplicationJars}). */
public final class ShippedJars {

    private ShippedJars() {}

    /** What {@code sweep --master spark://...} would set as {@code spark.jars} for this classpath. */
    public static List<String> of(String classpath) {
        return ApplicationJars.forClasspath(classpath);
    }
}
