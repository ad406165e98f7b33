package org.modsweep.analysis.grids;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.modsweep.analysis.report.ResultFiles;
import org.modsweep.core.store.ResultsStore;

/** The files one grid reduce writes into the grid's folder, remembered in order. */
final class Output {

    /** The prefixes of the figures a reduce owns (and may remove when it no longer writes them). */
    private static final List<String> FIGURES = List.of("phase_", "delay_", "progress_");

    private final ResultsStore store;
    private final Path dir;
    private final List<Path> written = new ArrayList<>();

    Output(ResultsStore store, Path dir) {
        this.store = store;
        this.dir = dir;
    }

    void json(String name, ObjectNode root) throws IOException {
        bytes(name, GridJson.bytes(root));
    }

    void bytes(String name, byte[] content) throws IOException {
        Path f = new Path(dir, name);
        ResultFiles.write(store, f, content);
        written.add(f);
    }

    List<Path> written() {
        return List.copyOf(written);
    }

    /** Removes the figures of an earlier reduce (other axes, runs no longer in the grid) that this one did not write. */
    void removeStaleFigures() throws IOException {
        var fs = ResultFiles.fs(store);
        for (FileStatus st : fs.listStatus(dir)) {
            String name = st.getPath().getName();
            boolean ours = name.endsWith(".png") && FIGURES.stream().anyMatch(name::startsWith);
            if (ours && written.stream().noneMatch(w -> w.getName().equals(name))) {
                fs.delete(st.getPath(), false);
            }
        }
    }
}
