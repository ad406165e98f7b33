package org.modsweep.core.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.modsweep.core.Json;

/**
 * The content of a run's {@code _DONE} marker: which attempt committed the run and every file the run consists of
 * (path relative to the store root, size, CRC-32C), so that readers and {@code verify} take exactly these files
 * and a repeated commit of identical content can be recognised and skipped. A marker that does not parse makes
 * the run uncommitted. A marker written before manifests existed (one line, the attempt id) is {@link #legacy}:
 * committed, files not listed.
 *
 * @param format    1
 * @param cell      e.g. p023-standard
 * @param attempt   the committing attempt's id
 * @param owner     the committing writer ({@link AttemptLease#OWNER})
 * @param epochsRun rows of the metrics file
 * @param files     the run's files, run.json included
 */
public record CommitManifest(
        @JsonProperty("format") int format,
        @JsonProperty("cell") String cell,
        @JsonProperty("attempt") String attempt,
        @JsonProperty("owner") String owner,
        @JsonProperty("epochs_run") int epochsRun,
        @JsonProperty("files") List<StoredFile> files) {

    public static final int FORMAT = 1;
    private static final Pattern LEGACY_MARKER = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\\n?");

    /**
     * One file of a committed run.
     *
     * @param path   relative to the store root, e.g. {@code metrics/p=23/config=standard/part-p023-standard.parquet}
     * @param size   bytes
     * @param crc32c CRC-32C of the content, 8 hex digits
     */
    public record StoredFile(
            @JsonProperty("path") String path,
            @JsonProperty("size") long size,
            @JsonProperty("crc32c") String crc32c) {}

    public CommitManifest {
        files = files == null ? null : List.copyOf(files);
    }

    /** A marker of the earlier protocol: committed, its files not listed. */
    public boolean legacy() {
        return files == null;
    }

    /** Parses a marker; an IOException names what is wrong with it. */
    public static CommitManifest parse(String text) throws IOException {
        if (text != null && LEGACY_MARKER.matcher(text).matches()) {
            return new CommitManifest(0, null, text.trim(), null, -1, null);
        }
        CommitManifest m;
        try {
            m = Json.MAPPER.readValue(text == null ? "" : text, CommitManifest.class);
        } catch (JsonProcessingException e) {
            throw new IOException("not a commit manifest: " + e.getOriginalMessage());
        }
        if (m == null
                || m.format() != FORMAT
                || m.cell() == null
                || m.attempt() == null
                || m.files() == null
                || m.files().isEmpty()
                || m.files().stream()
                        .anyMatch(f -> f == null
                                || f.path() == null
                                || f.path().startsWith("/")
                                || f.path().contains("..")
                                || f.crc32c() == null
                                || f.size() < 0)) {
            throw new IOException("incomplete commit manifest");
        }
        return m;
    }

    public String toJson() {
        return Json.pretty(this);
    }

    public Optional<StoredFile> file(String path) {
        return files == null
                ? Optional.empty()
                : files.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    /**
     * Whether two commits hold the same data: the same files with the same sizes and checksums, run.json (times,
     * attempt id) aside. Training is deterministic, so a zombie's commit after its retry's is of this kind.
     */
    public boolean sameData(CommitManifest other) {
        if (other == null || legacy() || other.legacy()) {
            return false;
        }
        return Objects.equals(data(), other.data());
    }

    private List<StoredFile> data() {
        return files.stream()
                .filter(f -> !f.path().endsWith("/" + StoreLayout.RUN_JSON))
                .sorted((a, b) -> a.path().compareTo(b.path()))
                .toList();
    }
}
