package org.modsweep.core.store;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's raw local file system with its permission calls made through java.nio instead of a child process.
 * Without Hadoop's native library, {@link RawLocalFileSystem} forks {@code chmod} after every mkdir and file
 * creation and {@code ls -ld} when a status's permission, owner or group is read: a dozen forks per committed run,
 * each slow under load and able to fail a commit. The modes, owners and groups are the ones the forks would set and
 * report (the permission bits and the sticky bit, as {@code chmod} and {@link FsPermission#valueOf} use them); where
 * the JDK lacks the {@code unix} attribute view it falls back to Hadoop's own way.
 */
public class NioRawLocalFileSystem extends RawLocalFileSystem {

    /** The bits {@code chmod} sets from an {@link FsPermission}: rwx for user, group, other, and the sticky bit. */
    private static final int MODE_BITS = 01777;

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
        try {
            Files.setAttribute(pathToFile(p).toPath(), "unix:mode", permission.toShort() & MODE_BITS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            super.setPermission(p, permission);
        }
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        return withPermission(super.getFileStatus(f));
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        File local = pathToFile(f);
        if (local.isFile()) { // Hadoop builds a file's own status here without getFileStatus
            return new FileStatus[] {getFileStatus(f)};
        }
        return super.listStatus(f); // a directory's entries come from getFileStatus
    }

    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
        if (!Files.isSymbolicLink(pathToFile(f).toPath())) {
            return getFileStatus(f); // what Hadoop returns for a non-link, after forking readlink to learn it
        }
        return super.getFileLinkStatus(f);
    }

    /**
     * The status with its permission, owner and group read now, as {@code ls -ld} would report them (the entry
     * itself, not a link's target). A file gone meanwhile gets the defaults, as Hadoop gives when ls finds nothing.
     */
    private FileStatus withPermission(FileStatus s) throws IOException {
        FsPermission permission = null;
        String owner = null;
        String group = null;
        try {
            Map<String, Object> a = Files.readAttributes(
                    pathToFile(s.getPath()).toPath(), "unix:mode,owner,group", LinkOption.NOFOLLOW_LINKS);
            permission = new FsPermission((short) ((Integer) a.get("mode") & MODE_BITS));
            owner = a.get("owner").toString();
            group = a.get("group").toString();
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return s; // Hadoop's status, which loads its permission its own way
        } catch (NoSuchFileException e) {
            // defaults below
        }
        return new FileStatus(
                s.getLen(),
                s.isDirectory(),
                s.getReplication(),
                s.getBlockSize(),
                s.getModificationTime(),
                s.getAccessTime(),
                permission,
                owner,
                group,
                s.getPath());
    }
}
