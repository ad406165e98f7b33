package org.modsweep.driver.reduce;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.Type;
import org.modsweep.core.Json;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.parquet.RunColumns;
import org.modsweep.core.store.ResultsStore;

/**
 * Writes the per-cell summary of a store: {@code results/summary/cells.parquet} (one file, plain columns:
 * {@code spark.read.parquet("<store>/results/summary/cells.parquet")}), one row per committed run, study runs and runs
 * with overrides alike, with every key of grids.md §1 and the run's outcome (t_train, t_test, delay, phase) as
 * columns; and {@code cells.json} ({@code {"cells": [...]}}, the study's runs only, in the format it always had). Rows
 * are ordered by p, then config order, then run id.
 */
public final class SummaryWriter {

    public static final String PARQUET = "cells.parquet";
    public static final String JSON = "cells.json";

    private static final MessageType OWN = MessageTypeParser.parseMessageType(
            """
            message cells {
              required binary cell (STRING);
              required int32 p;
              required binary config (STRING);
              required int32 d_mlp;
              required int32 num_epochs;
              optional int32 epoch_cap;
              required int32 epochs_run;
              required boolean stopped_early;
              required double train_loss;
              required double test_loss;
              required double train_acc;
              required double test_acc;
              required double param_norm;
              optional int32 epoch_train_acc_100;
              optional int32 epoch_test_acc_99;
              optional int32 grokking_gap;
              required double wall_seconds;
              required double ms_per_epoch;
              optional binary device (STRING);
              required int32 threads;
              optional binary finished (STRING);
            }""");

    /** The run's outcome under the default thresholds, after the grid columns. */
    private static final MessageType OUTCOME = MessageTypeParser.parseMessageType(
            """
            message outcome {
              optional int32 t_train;
              optional int32 t_test;
              optional int32 delay;
              optional binary phase (STRING);
            }""");

    /**
     * The study's columns, then the run columns every metrics file has (core's {@link RunColumns}, less d_mlp and
     * num_epochs, which the study's columns hold already), then the outcome.
     */
    public static final MessageType SCHEMA = schema();

    private static MessageType schema() {
        List<Type> fields = new ArrayList<>(OWN.getFields());
        RunColumns.FIELDS.stream()
                .filter(f -> !f.getName().equals("d_mlp") && !f.getName().equals("num_epochs"))
                .forEach(fields::add);
        fields.addAll(OUTCOME.getFields());
        return new MessageType("cells", fields);
    }

    private SummaryWriter() {}

    public static List<CellSummary> ordered(List<CellSummary> rows) {
        List<CellSummary> out = new ArrayList<>(rows);
        out.sort(Comparator.comparingInt(CellSummary::p)
                .thenComparingInt(r -> StudyConfigs.keys().indexOf(r.config()))
                .thenComparing(CellSummary::cell));
        return out;
    }

    /** Writes both files; returns their paths. */
    public static List<Path> write(ResultsStore store, List<CellSummary> rows) throws IOException {
        List<CellSummary> sorted = ordered(rows);
        Path dir = store.layout().summaryDir();
        store.fs().mkdirs(dir);
        Path parquet = new Path(dir, PARQUET);
        writeParquet(store, parquet, sorted);
        Path json = new Path(dir, JSON);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("cells", sorted.stream().filter(r -> r.columns().studyRun()).toList());
        store.writeString(json, Json.pretty(doc) + "\n");
        return List.of(parquet, json);
    }

    private static void writeParquet(ResultsStore store, Path file, List<CellSummary> rows) throws IOException {
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(file)
                .withConf(store.conf())
                .withType(SCHEMA)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            for (CellSummary r : rows) {
                Group g = groups.newGroup()
                        .append("cell", r.cell())
                        .append("p", r.p())
                        .append("config", r.config())
                        .append("d_mlp", r.dMlp())
                        .append("num_epochs", r.numEpochs());
                if (r.epochCap() != null) {
                    g.append("epoch_cap", r.epochCap());
                }
                g.append("epochs_run", r.epochsRun())
                        .append("stopped_early", r.stoppedEarly())
                        .append("train_loss", r.trainLoss())
                        .append("test_loss", r.testLoss())
                        .append("train_acc", r.trainAcc())
                        .append("test_acc", r.testAcc())
                        .append("param_norm", r.paramNorm());
                if (r.epochTrain100() != null) {
                    g.append("epoch_train_acc_100", r.epochTrain100());
                }
                if (r.epochTest99() != null) {
                    g.append("epoch_test_acc_99", r.epochTest99());
                }
                if (r.grokkingGap() != null) {
                    g.append("grokking_gap", r.grokkingGap());
                }
                g.append("wall_seconds", r.wallSeconds()).append("ms_per_epoch", r.msPerEpoch());
                if (r.device() != null) {
                    g.append("device", r.device());
                }
                g.append("threads", r.threads());
                if (r.finished() != null) {
                    g.append("finished", r.finished());
                }
                appendRunColumns(g, r);
                w.write(g);
            }
        }
    }

    private static void appendRunColumns(Group g, CellSummary r) {
        GridColumns c = r.columns();
        g.append("run", r.cell())
                .append("seed", c.seed())
                .append("lr", c.lr())
                .append("weight_decay", c.weightDecay())
                .append("frac_train", c.fracTrain())
                .append("init_scale", c.initScale())
                .append("act_type", c.actType())
                .append("optimizer", c.optimizer())
                .append("init_type", c.initType());
        if (c.tTrain() != null) {
            g.append("t_train", c.tTrain());
        }
        if (c.tTest() != null) {
            g.append("t_test", c.tTest());
        }
        if (c.delay() != null) {
            g.append("delay", c.delay());
        }
        if (c.phase() != null) {
            g.append("phase", c.phase());
        }
    }
}
