package org.modsweep.driver.spark;

import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The device a task trains on: the GPU address Spark assigned to the task ({@code gpu:N}) when the task has a
 * {@code gpu} resource, else the CPU. With a fractional {@code spark.task.resource.gpu.amount} (e.g. 0.25) Spark
 * gives several concurrent tasks the same address, which packs several trainings onto one GPU.
 * Spark's local mode schedules no resources, so local tasks always train on the CPU.
 */
public final class TaskDevice {

    public static final String GPU = "gpu";
    public static final String CPU = "cpu";

    private TaskDevice() {}

    /** The device for the current task. */
    public static String current() {
        TaskContext ctx = TaskContext.get();
        if (ctx == null) {
            return CPU;
        }
        return of(CollectionConverters.asJava(ctx.resources()));
    }

    /** Maps a task's resources to a worker device string: the first assigned GPU address, else cpu. */
    public static String of(Map<String, ResourceInformation> resources) {
        ResourceInformation gpu = resources == null ? null : resources.get(GPU);
        if (gpu == null || gpu.addresses() == null || gpu.addresses().length == 0) {
            return CPU;
        }
        String address = gpu.addresses()[0].trim();
        if (!address.matches("\\d+")) {
            throw new IllegalStateException("GPU address '" + address + "' assigned by Spark is not a device index;"
                    + " the discovery script must report CUDA ordinals (0, 1, ...)");
        }
        return "gpu:" + address;
    }
}
