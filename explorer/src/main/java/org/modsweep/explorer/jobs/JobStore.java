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
import org.modsweep.core.Modulus;
import org.modsweep.core.store.ResultsStore;

/**
 * The on-demand jobs as files in the store, one {@code _explorer/jobs/ID.json} per job, so that a restarted
 * explorer shows past jobs and resumes unfinished ones. Losing a job file loses only its log: the store's runs
 * stay the truth about results, so a failed write is a warning, never an error of the job.
 *
 * <p>Whoever can write the store can write these files, so each is checked when it is read back (its size, its
 * id against its name, p, state, epoch cap, line counts). A file that fails is moved to {@code _explorer/jobs/rejected/}
 * with one warning and the other jobs are restored as usual.
 */
public final class JobStore {

    private static final Logger LOG = LogManager.getLogger(JobStore.class);
    public static final String DIR = "_explorer/jobs";
    public static final String REJECTED = "rejected";
    /** A job file holds at most {@link TrainingJob#MAX_LINES} progress lines; anything much larger is not one. */
    static final long MAX_FILE_BYTES = 8L << 20;

    static final String ID_PATTERN = "job-[0-9A-Za-z-]{1,80}";

    private final ResultsStore store;
    private final Path dir;

    public JobStore(ResultsStore store) {
        this.store = store;
        this.dir = new Path(store.root(), DIR);
    }

    /** Writes the job's current state and lines. */
    void save(TrainingJob job) {
        try {
            store.writeString(file(job), Json.compact(job.persisted()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not persist job {}: {}", job.id(), e.getMessage());
        }
    }

    /** Removes a job's file (history beyond the cap). */
    void delete(TrainingJob job) {
        try {
            store.fs().delete(file(job), false);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not remove old job {}: {}", job.id(), e.getMessage());
        }
    }

    /** Every valid job file, oldest first (ids start with their creation time); invalid ones are moved aside. */
    List<TrainingJob> load() {
        List<TrainingJob> out = new ArrayList<>();
        try {
            if (!store.fs().exists(dir)) {
                return out;
            }
            for (FileStatus st : store.fs().listStatus(dir)) {
                String name = st.getPath().getName();
                if (!st.isFile() || !name.endsWith(".json")) {
                    continue;
                }
                TrainingJob job = read(st);
                if (job != null) {
                    out.add(job);
                }
            }
        } catch (IOException e) {
            LOG.warn("could not read persisted jobs: {}", e.getMessage());
        }
        out.sort(Comparator.comparing(TrainingJob::id));
        return out;
    }

    private TrainingJob read(FileStatus st) {
        String name = st.getPath().getName();
        String text;
        if (st.getLen() > MAX_FILE_BYTES) {
            reject(st.getPath(), "it has " + st.getLen() + " bytes, more than any job writes");
            return null;
        }
        try {
            text = store.readString(st.getPath());
        } catch (IOException e) {
            // the file may be fine and the store briefly not: leave it for the next start
            LOG.warn("could not read job file {}: {}", name, e.getMessage());
            return null;
        }
        TrainingJob.Persisted s;
        try {
            s = Json.MAPPER.readValue(text, TrainingJob.Persisted.class);
        } catch (IOException | RuntimeException e) {
            reject(st.getPath(), "it is not a job's JSON (" + JobRun.oneLine(e) + ")");
            return null;
        }
        String problem = problem(s, name.substring(0, name.length() - ".json".length()));
        if (problem != null) {
            reject(st.getPath(), problem);
            return null;
        }
        return TrainingJob.restore(s);
    }

    /** What is wrong with a job read back from {@code ID.json}, or null when it can be restored. */
    static String problem(TrainingJob.Persisted s, String fileId) {
        if (s == null) {
            return "it is empty";
        }
        if (s.id() == null || !s.id().matches(ID_PATTERN) || !s.id().equals(fileId)) {
            return "its id does not match its file name";
        }
        if (s.p() < Modulus.MIN_P || s.p() % 2 == 0 || s.p() > TrainingRequest.MAX_P_ON_DEMAND) {
            return "p=" + s.p() + " is not an odd modulus 3.." + TrainingRequest.MAX_P_ON_DEMAND;
        }
        if (s.epochCap() != null && s.epochCap() < 1) {
            return "its epoch cap " + s.epochCap() + " is below 1";
        }
        if (s.state() == null
                || java.util.Arrays.stream(JobState.values())
                        .noneMatch(v -> v.name().equals(s.state()))) {
            return "its state is not one of " + java.util.Arrays.toString(JobState.values());
        }
        if (s.created() == null) {
            return "it has no creation time";
        }
        if (s.firstLine() < 0
                || s.restarts() < 0
                || s.lines() != null && s.lines().size() > TrainingJob.MAX_LINES) {
            return "its line or restart counts are out of range";
        }
        if (s.lines() != null && s.lines().stream().anyMatch(java.util.Objects::isNull)) {
            return "it has an empty line entry";
        }
        return s.grid() == null ? null : GridJob.problem(s.grid(), s.p(), s.epochCap());
    }

    private void reject(Path file, String why) {
        Path aside = new Path(new Path(dir, REJECTED), file.getName());
        try {
            store.fs().mkdirs(aside.getParent());
            store.fs().delete(aside, false);
            if (!store.fs().rename(file, aside)) {
                throw new IOException("rename refused");
            }
            LOG.warn("job file {} is not valid: {}; moved it to {}/{}", file.getName(), why, DIR, REJECTED);
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "job file {} is not valid: {}; ignoring it (could not move it aside: {})",
                    file.getName(),
                    why,
                    e.getMessage());
        }
    }

    private Path file(TrainingJob job) {
        return new Path(dir, job.id() + ".json");
    }
}
