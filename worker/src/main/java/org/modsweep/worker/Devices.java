package org.modsweep.worker;

import ai.djl.Device;

/** Maps the CLI's device names to DJL devices: "cpu" and "gpu:N". */
public final class Devices {

    private Devices() {}

    public static Device parse(String name) {
        String s = name == null ? "cpu" : name.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        if (s.matches("gpu(:\\d+)?")) {
            int id = s.length() > 3 ? Integer.parseInt(s.substring(4)) : 0;
            int gpus = Engines.pytorch().getGpuCount();
            if (id >= gpus) {
                throw new IllegalArgumentException("device " + name + " requested but the PyTorch engine sees " + gpus
                        + " GPU(s)" + (gpus == 0 ? " (a CPU-only libtorch is loaded)" : ""));
            }
            return Device.gpu(id);
        }
        throw new IllegalArgumentException("unknown device '" + name + "': use cpu or gpu:N");
    }
}
