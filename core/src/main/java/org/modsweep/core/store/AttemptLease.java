package org.modsweep.core.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.core.Json;

/**
 * Ownership of a training attempt's directory. The writer puts a {@code _lease} file (owner, host, process,
 * heartbeat time) into it and renews it every quarter of the lease period while the attempt lives; cleanup
 * removes an attempt only when its lease is over: its heartbeat is older than the lease period
 * ({@value #LEASE_SECONDS_KEY}, default {@value #DEFAULT_LEASE_SECONDS} s), or its owner ran on this host in a
 * process that is gone, or its owner is this JVM and no longer holds it. So a cleanup never takes another
 * writer's live attempt, on any machine, and a killed writer's debris goes at the latest one lease period later.
 *
 * @param owner     {@code host/pid/jvm}, unique per JVM
 * @param host      the writer's host name
 * @param pid       the writer's process id
 * @param heartbeat the last renewal, epoch milliseconds (the writer's clock)
 */
public record AttemptLease(
        @JsonProperty("owner") String owner,
        @JsonProperty("host") String host,
        @JsonProperty("pid") long pid,
        @JsonProperty("heartbeat") long heartbeat) {

    private static final Logger LOG = LogManager.getLogger(AttemptLease.class);

    public static final String FILE = "_lease";
    /** Hadoop property (spark.hadoop.* on a sweep): seconds a lease lasts without a heartbeat. */
    public static final String LEASE_SECONDS_KEY = "modsweep.attempt.lease.seconds";

    public static final long DEFAULT_LEASE_SECONDS = 600;

    static final String HOST = hostName();
    static final long PID = ProcessHandle.current().pid();
    /** This JVM as a writer. */
    public static final String OWNER =
            HOST + "/" + PID + "/" + UUID.randomUUID().toString().substring(0, 8);

    private static final Map<String, Held> HELD = new ConcurrentHashMap<>();
    private static final ScheduledExecutorService HEARTBEAT = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "modsweep-attempt-lease");
        t.setDaemon(true);
        return t;
    });

    public static long leaseMillis(Configuration conf) {
        return Math.max(1, conf.getLong(LEASE_SECONDS_KEY, DEFAULT_LEASE_SECONDS)) * 1000;
    }

    /** Takes the lease of a fresh attempt directory (or of a write probe, then {@code file} is the probe). */
    static void write(FileSystem fs, Path file) throws IOException {
        AttemptLease lease = new AttemptLease(OWNER, HOST, PID, System.currentTimeMillis());
        try (OutputStream out = fs.create(file, true)) {
            out.write(Json.compact(lease).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Takes the lease of a fresh attempt directory and renews it until {@link #release}. */
    static void hold(FileSystem fs, Path attemptDir, long leaseMillis) throws IOException {
        write(fs, new Path(attemptDir, FILE));
        Held held = new Held(fs, attemptDir);
        long period = Math.max(250, leaseMillis / 4);
        held.renewal = HEARTBEAT.scheduleWithFixedDelay(held::renew, period, period, TimeUnit.MILLISECONDS);
        HELD.put(attemptDir.toString(), held);
    }

    /** Stops renewing (the attempt committed or failed); after this, cleanup may take the directory. */
    static void release(Path attemptDir) {
        Held held = HELD.remove(attemptDir.toString());
        if (held != null) {
            held.end();
        }
    }

    /** Throws when this JVM's attempt lost its directory to a cleanup (its lease ran out while it stalled). */
    static void checkHeld(FileSystem fs, Path attemptDir) throws IOException {
        Held held = HELD.get(attemptDir.toString());
        if (held == null || held.lost || !fs.exists(new Path(attemptDir, FILE))) {
            throw new IOException("attempt " + attemptDir.getName() + " lost its lease (its directory was "
                    + "removed as stale); it does not commit");
        }
    }

    /**
     * Whether the attempt directory (or write probe) is over: see the class comment. An unreadable lease counts
     * by the newest modification time of the files there.
     */
    static boolean expired(FileSystem fs, Path attemptOrProbe, long leaseMillis, long now) throws IOException {
        FileStatus st = fs.getFileStatus(attemptOrProbe);
        Path leaseFile = st.isDirectory() ? new Path(attemptOrProbe, FILE) : attemptOrProbe;
        AttemptLease lease = read(fs, leaseFile);
        if (lease == null && probeOfDeadLocalProcess(attemptOrProbe.getName())) {
            return true; // a write probe or attempt whose writer was killed before its lease was written
        }
        if (lease == null) {
            long newest = st.getModificationTime();
            if (st.isDirectory()) {
                for (FileStatus f : fs.listStatus(attemptOrProbe)) {
                    newest = Math.max(newest, f.getModificationTime());
                }
            }
            return now - newest > leaseMillis;
        }
        if (lease.owner().equals(OWNER)) {
            // this JVM's: an attempt is over once released; a write probe lives for the length of a check
            return st.isDirectory()
                    ? !HELD.containsKey(attemptOrProbe.toString())
                    : now - lease.heartbeat() > leaseMillis;
        }
        if (lease.host().equals(HOST)
                && (lease.pid() == PID
                        || !ProcessHandle.of(lease.pid())
                                .map(ProcessHandle::isAlive)
                                .orElse(false))) {
            return true; // its writer on this machine is gone (killed, or an earlier JVM with this JVM's pid)
        }
        return now - lease.heartbeat() > leaseMillis;
    }

    /** A write probe's name: {@code _probe-<uuid>-<pid>@<host>}, so that even an empty one names its writer. */
    static String probeName() {
        return StoreLayout.PROBE_PREFIX + attemptId();
    }

    /**
     * A fresh attempt id, {@code <uuid>-<pid>@<host>}: an attempt directory names its writer even before its lease
     * file exists (a writer killed between the two is recognised as gone at once, not after the lease period).
     */
    static String attemptId() {
        return UUID.randomUUID() + "-" + PID + "@" + HOST;
    }

    private static boolean probeOfDeadLocalProcess(String name) {
        int at = name.indexOf('@');
        int dash = at < 0 ? -1 : name.lastIndexOf('-', at);
        if (dash < 0 || !name.substring(at + 1).equals(HOST)) {
            return false;
        }
        try {
            long pid = Long.parseLong(name.substring(dash + 1, at));
            return pid != PID
                    && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static AttemptLease read(FileSystem fs, Path leaseFile) {
        try (var in = fs.open(leaseFile)) {
            AttemptLease l = Json.MAPPER.readValue(in.readAllBytes(), AttemptLease.class);
            return l == null || l.owner() == null || l.host() == null ? null : l;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "unknown-host" : env;
        }
    }

    /** An attempt this JVM holds, with its renewal. */
    private static final class Held {
        private final FileSystem fs;
        private final Path dir;
        private ScheduledFuture<?> renewal;
        private boolean ended;
        private volatile boolean lost;

        Held(FileSystem fs, Path dir) {
            this.fs = fs;
            this.dir = dir;
        }

        synchronized void renew() {
            if (ended || lost) {
                return;
            }
            try {
                if (!fs.exists(new Path(dir, FILE))) {
                    lost = true; // a cleanup took it: do not recreate the directory
                    LOG.warn("attempt {} lost its lease: its directory was removed as stale", dir.getName());
                    return;
                }
                write(fs, new Path(dir, FILE));
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not renew the lease of attempt {}: {}", dir.getName(), e.toString());
            }
        }

        synchronized void end() {
            ended = true;
            if (renewal != null) {
                renewal.cancel(false);
            }
        }
    }
}
