package org.modsweep.core.store;

import java.util.regex.Pattern;

/** Store URIs as given on a command line: refused when they carry credentials, which are then never echoed. */
public final class StoreUris {

    /** {@code scheme://user:secret@host/...} or {@code scheme://user@host/...}, also when the secret holds a '/'. */
    private static final Pattern USER_INFO = Pattern.compile("(?s)[A-Za-z][A-Za-z0-9+.-]*://([^/@]*@|[^@/]*:[^@]*@).*");

    private StoreUris() {}

    public static boolean hasUserInfo(String uri) {
        return uri != null && USER_INFO.matcher(uri.trim()).matches();
    }

    /** Throws, without repeating the URI, when it names a user or key before an '@'. */
    public static void refuseUserInfo(String uri) {
        if (hasUserInfo(uri)) {
            throw new IllegalArgumentException("the store URI carries credentials before an '@' (not repeated here);"
                    + " give the bucket only, e.g. s3a://bucket/prefix, and the keys through AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY or a conf directory's core-site.xml");
        }
    }
}
