package org.modsweep.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fork-free local file system leaves the same files with the same modes as Hadoop's, and forks nothing. */
class NioLocalFileSystemTest {

    @TempDir
    java.nio.file.Path tmp;

    /** The same file operations, through either file system, under {@code root}. */
    private static void work(FileSystem fs, Path root) throws Exception {
        fs.mkdirs(new Path(root, "a/b"));
        fs.mkdirs(new Path(root, "locked"), new FsPermission((short) 0750));
        try (FSDataOutputStream out = fs.create(new Path(root, "a/b/data.bin"))) {
            out.write("weights".getBytes(StandardCharsets.UTF_8));
        }
        try (FSDataOutputStream out = fs.create(
                new Path(root, "a/private.txt"),
                new FsPermission((short) 0600),
                true,
                4096,
                (short) 1,
                1 << 20,
                null)) {
            out.write(1);
        }
        fs.setPermission(new Path(root, "a/b"), new FsPermission((short) 01755));
        fs.rename(new Path(root, "a/b/data.bin"), new Path(root, "a/b/moved.bin"));
    }

    private static FileSystem open(Class<? extends FileSystem> impl, Configuration base) throws Exception {
        Configuration conf = new Configuration(base);
        conf.set(NioLocalFileSystem.IMPL_KEY, impl.getName());
        return FileSystem.newInstance(java.net.URI.create("file:///"), conf);
    }

    /** Relative path → mode, for every file and directory under {@code dir} (.crc files included). */
    private static Map<String, String> modes(java.nio.file.Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (var all = Files.walk(dir)) {
            for (java.nio.file.Path p : all.toList()) {
                out.put(
                        dir.relativize(p).toString(),
                        Integer.toOctalString((Integer) Files.getAttribute(p, "unix:mode") & 07777));
            }
        }
        return out;
    }

    @Test
    void theSameOperationsLeaveTheSameFilesAndModesAsHadoopsLocalFileSystem() throws Exception {
        Configuration conf = new Configuration();
        try (FileSystem hadoop = open(LocalFileSystem.class, conf);
                FileSystem nio = open(NioLocalFileSystem.class, conf)) {
            assertTrue(nio instanceof NioLocalFileSystem);
            work(hadoop, new Path(tmp.resolve("hadoop").toUri()));
            work(nio, new Path(tmp.resolve("nio").toUri()));
        }
        Map<String, String> expected = modes(tmp.resolve("hadoop"));
        assertTrue(expected.containsKey("a/b/.moved.bin.crc"), "checksums are written: " + expected);
        assertEquals("1755", expected.get("a/b"), "the sticky bit is set");
        assertEquals("600", expected.get("a/private.txt"));
        assertEquals(expected, modes(tmp.resolve("nio")));
    }

    @Test
    void statusesReportWhatHadoopsRawFileSystemReports() throws Exception {
        Configuration conf = new Configuration();
        try (FileSystem nio = open(NioRawLocalFileSystem.class, conf);
                FileSystem raw = open(RawLocalFileSystem.class, conf)) {
            Path root = new Path(tmp.resolve("store").toUri());
            work(nio, root);
            for (Path dir : List.of(root, new Path(root, "a"), new Path(root, "a/b"))) {
                assertEquals(described(raw.listStatus(dir)), described(nio.listStatus(dir)));
                assertEquals(described(raw.getFileStatus(dir)), described(nio.getFileStatus(dir)));
            }
            Path file = new Path(root, "a/private.txt");
            assertEquals(described(raw.listStatus(file)), described(nio.listStatus(file)));
            assertEquals(described(raw.getFileLinkStatus(file)), described(nio.getFileLinkStatus(file)));
            assertEquals(new FsPermission((short) 0600), nio.getFileStatus(file).getPermission());
        }
    }

    private static List<String> described(FileStatus... statuses) {
        return Arrays.stream(statuses)
                .map(s -> s.getPath() + " " + s.isDirectory() + " " + s.getLen() + " " + s.getModificationTime() + " "
                        + s.getPermission() + " " + s.getOwner() + " " + s.getGroup() + " " + s.getReplication()
                        + " " + s.getBlockSize())
                .sorted()
                .toList();
    }

    @Test
    void itForksNoProcessWhereHadoopsForksOnePerDirectoryAndFile() throws Exception {
        Configuration conf = new Configuration();
        try (FileSystem hadoop = open(LocalFileSystem.class, conf);
                FileSystem nio = open(NioLocalFileSystem.class, conf)) {
            Path a = new Path(tmp.resolve("hadoop").toUri());
            Path b = new Path(tmp.resolve("nio").toUri());
            List<String> hadoopForks = ProcessStarts.during(() -> {
                work(hadoop, a);
                hadoop.getFileStatus(a).getPermission();
            });
            if (!NativeIO.isAvailable()) { // with Hadoop's native library it would not fork
                assertFalse(hadoopForks.isEmpty(), "the recording sees Hadoop's chmod forks");
            }
            List<String> forks = ProcessStarts.during(() -> {
                work(nio, b);
                for (FileStatus s : nio.listStatus(new Path(b, "a"))) {
                    s.getPermission();
                    s.getOwner();
                }
            });
            assertEquals(List.of(), forks);
        }
    }

    @Test
    void registeringKeepsAnImplementationTheUserChose() {
        Configuration none = NioLocalFileSystem.register(new Configuration());
        assertEquals(NioLocalFileSystem.class.getName(), none.get(NioLocalFileSystem.IMPL_KEY));
        assertEquals("true", none.get("fs.file.impl.disable.cache"));

        Configuration chosen = new Configuration();
        chosen.set(NioLocalFileSystem.IMPL_KEY, LocalFileSystem.class.getName());
        NioLocalFileSystem.register(chosen);
        assertEquals(LocalFileSystem.class.getName(), chosen.get(NioLocalFileSystem.IMPL_KEY));
        assertNull(chosen.get("fs.file.impl.disable.cache"));
    }

    @Test
    void storesOpenOnItUnlessTheConfigurationNamesAnother() throws Exception {
        String dir = tmp.resolve("store").toString();
        assertTrue(ResultsStore.open(dir).fs() instanceof NioLocalFileSystem);
        assertTrue(ResultsStore.open(dir, StoreSettings.none().hadoop()).fs() instanceof NioLocalFileSystem);

        StoreSettings own =
                new StoreSettings(null, Map.of("spark.hadoop.fs.file.impl", LocalFileSystem.class.getName()));
        FileSystem fs = ResultsStore.open(dir, own.hadoop()).fs();
        assertEquals(LocalFileSystem.class, fs.getClass());
    }
}
