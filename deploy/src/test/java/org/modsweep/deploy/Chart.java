package org.modsweep.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** The Helm chart rendered by Helm itself (helm-java's native library), parsed into the fabric8 Kubernetes model. */
final class Chart {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    static final String RELEASE = "sweeps";
    static final String NAMESPACE = "science";

    private final List<HasMetadata> objects;

    private Chart(List<HasMetadata> objects) {
        this.objects = objects;
    }

    /** helm template with the given values files (in order) and --set values. */
    static Chart render(Map<String, Object> sets, Path... valuesFiles) {
        return new Chart(parse(template(sets, valuesFiles)));
    }

    static String template(Map<String, Object> sets, Path... valuesFiles) {
        TemplateCommand cmd = new Helm(Repo.CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (Path f : valuesFiles) {
            cmd = cmd.withValuesFile(f);
        }
        for (Map.Entry<String, Object> e : sets.entrySet()) {
            cmd = cmd.set(e.getKey(), e.getValue());
        }
        return cmd.call();
    }

    /** A values file holding the given YAML, for overrides --set cannot express (lists, typos). */
    static Path valuesFile(Path dir, String yaml) throws IOException {
        Path f = Files.createTempFile(dir, "values", ".yaml");
        Files.writeString(f, yaml, StandardCharsets.UTF_8);
        return f;
    }

    @SuppressWarnings("unchecked")
    static List<HasMetadata> parse(String manifests) {
        Object parsed = SERIALIZATION.unmarshal(manifests);
        if (parsed instanceof List<?> list) {
            List<HasMetadata> out = new ArrayList<>();
            for (Object o : list) {
                if (o != null) {
                    out.add((HasMetadata) o);
                }
            }
            return out;
        }
        return parsed == null ? List.of() : List.of((HasMetadata) parsed);
    }

    List<HasMetadata> objects() {
        return objects;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
        return all(type).stream()
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException(
                        "no " + type.getSimpleName() + " " + name + " in " + kindsAndNames()));
    }

    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream()
                .filter(r -> kind.equals(r.getKind()))
                .toList();
    }

    Map<String, String> kindsAndNames() {
        Map<String, String> m = new LinkedHashMap<>();
        objects.forEach(o -> m.put(o.getKind() + "/" + o.getMetadata().getName(), o.getApiVersion()));
        return m;
    }
}
