package org.modsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.ModulusList;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.driver.testing.FaultInjection;
import org.modsweep.driver.testing.SparkTests;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A modulus' report starts while the training job still runs (Spark local mode, two slots): its job is submitted
 * once every run of the modulus is committed, and its task takes the slot the training's tail leaves idle, never
 * one a waiting training task could have had. p005-standard is made slow, so p = 3 is complete long before it ends.
 */
class OverlappedReduceIT {

    static SparkContext sc;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startSpark() {
        sc = SparkTests.start("local[2]");
    }

    @AfterAll
    static void stopSpark() {
        sc.stop();
    }

    /** Each job's description, start and end, and its tasks' launch times, as Spark's listener bus tells them. */
    static final class Jobs extends SparkListener {
        final Map<String, Integer> byDescription = new ConcurrentHashMap<>();
        final Map<Integer, Long> started = new ConcurrentHashMap<>();
        final Map<Integer, Long> ended = new ConcurrentHashMap<>();
        final Map<Integer, Integer> jobOfStage = new ConcurrentHashMap<>();
        final List<long[]> launches = Collections.synchronizedList(new ArrayList<>()); // {job, launch time}
        final List<long[]> ends = Collections.synchronizedList(new ArrayList<>()); // {job, finish time}

        @Override
        public void onJobStart(SparkListenerJobStart e) {
            String description = e.properties() == null ? null : e.properties().getProperty("spark.job.description");
            if (description != null) {
                byDescription.put(description, e.jobId());
            }
            started.put(e.jobId(), e.time());
            CollectionConverters.asJava(e.stageIds()).forEach(s -> jobOfStage.put((Integer) s, e.jobId()));
        }

        @Override
        public void onJobEnd(SparkListenerJobEnd e) {
            ended.put(e.jobId(), e.time());
        }

        @Override
        public void onTaskStart(SparkListenerTaskStart e) {
            launches.add(new long[] {
                jobOfStage.getOrDefault(e.stageId(), -1), e.taskInfo().launchTime()
            });
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd e) {
            ends.add(new long[] {
                jobOfStage.getOrDefault(e.stageId(), -1), e.taskInfo().finishTime()
            });
        }

        int job(String description) {
            Integer id = byDescription.get(description);
            assertTrue(id != null, "no job '" + description + "' in " + byDescription.keySet());
            return id;
        }

        List<Long> launchesOf(int job) {
            return times(launches, job);
        }

        List<Long> endsOf(int job) {
            return times(ends, job);
        }

        private static List<Long> times(List<long[]> events, int job) {
            synchronized (events) {
                return events.stream()
                        .filter(l -> l[0] == job)
                        .map(l -> l[1])
                        .sorted()
                        .toList();
            }
        }

        /** p's report job started, and its task ran, while training ran, after every training task had started. */
        void assertReportFilledTheTail(int p, String training) {
            int train = job(training);
            int report = job("reduce p=" + p);
            assertTrue(started.get(report) < ended.get(train), "p=" + p + "'s report job started during training");
            List<Long> trainTasks = launchesOf(train);
            long reportTask = launchesOf(report).get(0);
            assertTrue(reportTask < ended.get(train), "p=" + p + "'s report task ran during training");
            assertTrue(
                    reportTask >= trainTasks.get(trainTasks.size() - 1),
                    "no training task waited for p=" + p + "'s report: " + trainTasks + " vs " + reportTask);
        }
    }

    private SweepResult sweep(String moduli, Map<String, String> conf, boolean reduce, LocalSweepIT.Recorder rec)
            throws Exception {
        SweepRequest req = new SweepRequest(
                ModulusList.parse(moduli),
                StudyConfigs.parse("all"),
                tmp.resolve("store").toString(),
                null,
                40,
                conf,
                reduce);
        return new Sweep().run(req, rec);
    }

    @Test
    void aCompleteModulusIsReportedWhileTheLastCellTrains() throws Exception {
        Jobs jobs = new Jobs();
        sc.addSparkListener(jobs);
        try {
            LocalSweepIT.Recorder rec = new LocalSweepIT.Recorder();
            SweepResult r = sweep("3,5", Map.of(FaultInjection.SLOW, "p005-standard"), true, rec);
            sc.listenerBus().waitUntilEmpty();
            assertTrue(r.ok(), r + "\n" + rec.lines);
            assertEquals(List.of(3, 5), r.reduced().stream().sorted().toList());
            assertEquals(8, r.summaryCells());
            jobs.assertReportFilledTheTail(3, "train 8 cells");
            // p = 3's report is read as it ends, before the slow cell's line
            int report = rec.lines.indexOf(rec.lines.stream()
                    .filter(l -> l.startsWith("reduce p=3: "))
                    .findFirst()
                    .orElseThrow());
            int slow = rec.lines.indexOf(rec.lines.stream()
                    .filter(l -> l.matches("\\[8/8] done p005-standard.*"))
                    .findFirst()
                    .orElseThrow());
            assertTrue(report < slow, rec.lines.toString());
        } finally {
            sc.removeSparkListener(jobs);
        }
    }

    @Test
    void aModulusCommittedBeforeTheSweepStartsAtOnceAndAFailedOneGetsNoReport() throws Exception {
        LocalSweepIT.Recorder first = new LocalSweepIT.Recorder();
        assertTrue(sweep("3", Map.of(), false, first).ok(), first.lines.toString());
        Jobs jobs = new Jobs();
        sc.addSparkListener(jobs);
        try {
            LocalSweepIT.Recorder rec = new LocalSweepIT.Recorder();
            SweepResult r = sweep(
                    "3,5",
                    Map.of(FaultInjection.SLOW, "p005-standard", FaultInjection.FAIL_ALWAYS, "p005-quad_random"),
                    true,
                    rec);
            sc.listenerBus().waitUntilEmpty();
            assertFalse(r.ok());
            assertEquals(4, r.committedBefore().size());
            assertEquals(List.of(3), r.reduced());
            assertEquals(7, r.summaryCells(), "the failed cell has no row, the other runs of p = 5 have theirs");
            jobs.assertReportFilledTheTail(3, "train 4 cells");
            int train = jobs.job("train 4 cells");
            assertTrue(
                    jobs.started.get(jobs.job("reduce p=3"))
                            <= jobs.endsOf(train).get(0),
                    "p = 3's job is submitted with the training job, before any of its tasks ended");
            assertTrue(
                    jobs.byDescription.containsKey("summarize p=5"),
                    jobs.byDescription.keySet().toString());
            assertTrue(
                    rec.lines.contains("reduce p=5: no report yet, the store lacks p005-quad_random"),
                    rec.lines.toString());
        } finally {
            sc.removeSparkListener(jobs);
        }
    }
}
