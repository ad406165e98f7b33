package org.modsweep.core.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** A configuration as the JSON object that run.json and the reduce stage carry. */
public final class ConfigJson {

    private ConfigJson() {}

    public static Map<String, Object> toMap(RunConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", c.key());
        m.put("act_type", c.act().name());
        m.put("init_type", c.initType().label());
        m.put("init_scale", c.initScale());
        m.put("optimizer", c.optimizer().name());
        m.put("lr", c.lr());
        m.put("weight_decay", c.weightDecayJson());
        m.put("frac_train", c.fracTrain());
        m.put("num_epochs", c.numEpochs());
        m.put("plateau_stop", c.plateauStop());
        m.put("save_every", c.saveEvery());
        m.put("seed", c.seed());
        if (c.dMlp() != null) {
            m.put("d_mlp", c.dMlp()); // only a d_mlp override: the study's runs keep their JSON unchanged
        }
        return m;
    }

    public static RunConfig fromMap(Map<String, Object> m) {
        return new RunConfig(
                (String) m.get("key"),
                Activation.valueOf((String) m.get("act_type")),
                InitType.fromLabel((String) m.get("init_type")),
                num(m, "init_scale"),
                OptimizerKind.valueOf((String) m.get("optimizer")),
                num(m, "lr"),
                num(m, "weight_decay"),
                num(m, "frac_train"),
                (int) num(m, "num_epochs"),
                Boolean.TRUE.equals(m.get("plateau_stop")),
                StudyConfigs.byKey((String) m.get("key")).minP(),
                (int) num(m, "save_every"),
                (long) num(m, "seed"),
                m.get("d_mlp") == null ? null : (int) num(m, "d_mlp"));
    }

    private static double num(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("configuration field '" + k + "' missing or not a number: " + v);
        }
        return n.doubleValue();
    }
}
