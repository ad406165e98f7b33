package org.modsweep.explorer.jobs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.core.Json;
import org.modsweep.core.store.ResultsStore;

/**
 * The on-demand jobs as files in the store, one {@code _explorer/jobs/ID.json} per job, so that a restarted
 * explorer shows past jobs and resumes unfinished ones. Losing a job file loses only its log: the store's runs
 * stay the truth about results, so a failed write is a warning, never an error of the job.
 */
public final class JobStore {

    private static final Logger LOG = LogManager.getLogger(JobStore.class);
    public static final String DIR = "_explorer/jobs";

    private final ResultsStore store;
    private final Path dir;

    public JobStore(ResultsStore store) {
        this.store = store;
        this.dir = new Path(store.root(), DIR);
    }

    /** Writes the job's current state and lines. */
    void save(TrainingJob job) {
        try {
            store.writeString(new Path(dir, job.id() + ".json"), Json.compact(job.persisted()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not persist job {}: {}", job.id(), e.getMessage());
        }
    }

    /** Every readable job file, oldest first (ids start with their creation time). */
    List<TrainingJob> load() {
        List<TrainingJob> out = new ArrayList<>();
        try {
            if (!store.fs().exists(dir)) {
                return out;
            }
            for (FileStatus st : store.fs().listStatus(dir)) {
                if (!st.getPath().getName().endsWith(".json")) {
                    continue;
                }
                try {
                    out.add(TrainingJob.restore(Json.MAPPER.readValue(store.readString(st.getPath()),
                            TrainingJob.Persisted.class)));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("ignoring unreadable job file {}: {}", st.getPath().getName(), e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("could not read persisted jobs: {}", e.getMessage());
        }
        out.sort(Comparator.comparing(TrainingJob::id));
        return out;
    }
}
