package org.modsweep.driver.testing;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/** A SparkContext for tests that run several sweeps: the sweeps share it, which saves a Spark start per sweep. */
public final class SparkTests {

    private SparkTests() {}

    public static SparkConf conf(String master) {
        return new SparkConf()
                .setMaster(master)
                .setAppName("modsweep-driver-test")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.executor.heartbeatInterval", "1s");
    }

    public static SparkContext start(String master) {
        return new SparkContext(conf(master));
    }
}
