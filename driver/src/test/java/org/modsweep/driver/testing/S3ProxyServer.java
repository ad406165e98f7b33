package org.modsweep.driver.testing;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3-compatible server on 127.0.0.1 (S3Proxy over jclouds' in-memory blob store) with a fixed test key
 * pair and AWS v2/v4 signatures, as S3A expects. Optionally read-only: every write is refused.
 * Hadoop caches S3A clients by bucket, not endpoint: give every server its own bucket names ({@link #bucket}).
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "modsweep-test-access";
    public static final String SECRET_KEY = "modsweep-test-secret-5f3a9c1e";

    private final BlobStoreContext context;
    private final S3Proxy proxy;

    private S3ProxyServer(boolean readOnly, String... buckets) throws Exception {
        Properties props = new Properties();
        context = ContextBuilder.newBuilder("transient")
                .credentials("identity", "credential")
                .overrides(props)
                .build(BlobStoreContext.class);
        BlobStore store = context.getBlobStore();
        for (String b : buckets) {
            store.createContainerInLocation(null, b);
        }
        if (readOnly) {
            Class<?> ro = Class.forName("org.gaul.s3proxy.ReadOnlyBlobStore");
            Method wrap = ro.getDeclaredMethod("newReadOnlyBlobStore", BlobStore.class);
            wrap.setAccessible(true);
            store = (BlobStore) wrap.invoke(null, store);
        }
        proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    public static S3ProxyServer start(String... buckets) throws Exception {
        return new S3ProxyServer(false, buckets);
    }

    public static S3ProxyServer startReadOnly(String... buckets) throws Exception {
        return new S3ProxyServer(true, buckets);
    }

    /** A bucket name no other test uses. */
    public static String bucket(String prefix) {
        return prefix + "-" + Long.toHexString(System.nanoTime());
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public BlobStore blobStore() {
        return context.getBlobStore();
    }

    /** Spark properties for S3A against this server, credentials included (as spark-defaults.conf would hold). */
    public Map<String, String> sparkConf() {
        Map<String, String> m = new LinkedHashMap<>(sparkConfWithoutCredentials());
        m.put("spark.hadoop.fs.s3a.access.key", ACCESS_KEY);
        m.put("spark.hadoop.fs.s3a.secret.key", SECRET_KEY);
        return m;
    }

    /** Endpoint settings only: credentials then come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. */
    public Map<String, String> sparkConfWithoutCredentials() {
        return sparkConfFor(endpoint());
    }

    public static Map<String, String> sparkConfFor(String endpoint) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("spark.hadoop.fs.s3a.endpoint", endpoint);
        m.put("spark.hadoop.fs.s3a.endpoint.region", "us-east-1");
        m.put("spark.hadoop.fs.s3a.path.style.access", "true");
        m.put("spark.hadoop.fs.s3a.connection.ssl.enabled", "false");
        // one try only: a server error must fail the test in seconds, not after minutes of SDK retries
        m.put("spark.hadoop.fs.s3a.attempts.maximum", "1");
        m.put("spark.hadoop.fs.s3a.retry.limit", "1");
        m.put("spark.hadoop.fs.s3a.connection.establish.timeout", "2s");
        m.put("spark.hadoop.fs.s3a.connection.timeout", "5s");
        return m;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
