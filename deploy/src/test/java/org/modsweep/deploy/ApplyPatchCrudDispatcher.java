package org.modsweep.deploy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;

/**
 * The fabric8 CRUD mock with server-side apply. Spark 4 creates the driver's Service and conf ConfigMap with an
 * apply patch (content type application/apply-patch+yaml); the 7.1.0 mock answers 404 to that for an object that does
 * not exist yet, and Spark then deletes the driver pod and fails. Here an apply creates the object when it is absent
 * and replaces it when present, which is what the API server does for a sole field manager. A created pod gets the
 * status an API server gives it (phase Pending, no node yet), which Spark's executor allocator reads.
 */
final class ApplyPatchCrudDispatcher extends KubernetesCrudDispatcher {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        if (request.getPath().matches("/api/v1/namespaces/[^/]+/pods(\\?.*)?")) {
            Pod pod = SERIALIZATION.unmarshal(request.getUtf8Body(), Pod.class);
            if (pod.getStatus() == null) {
                pod.setStatus(new PodStatusBuilder().withPhase("Pending").build());
                Buffer body = new Buffer().writeString(SERIALIZATION.asJson(pod), StandardCharsets.UTF_8);
                request = new RecordedRequest(
                        request.getHttpVersion(), HttpMethod.POST, request.getPath(), request.getHeaders(), body);
            }
        }
        return super.handleCreate(request);
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !contentType.startsWith("application/apply-patch")) {
            return super.handlePatch(request);
        }
        String path = request.getPath();
        String resourcePath = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String json = SERIALIZATION.asJson(SERIALIZATION.unmarshal(request.getUtf8Body()));
        Buffer body = new Buffer().writeString(json, StandardCharsets.UTF_8);
        if (handleGet(resourcePath).code() == HttpURLConnection.HTTP_NOT_FOUND) {
            String collection = resourcePath.substring(0, resourcePath.lastIndexOf('/'));
            return handleCreate(new RecordedRequest(
                    request.getHttpVersion(), HttpMethod.POST, collection, request.getHeaders(), body));
        }
        return handleUpdate(new RecordedRequest(
                request.getHttpVersion(), HttpMethod.PUT, resourcePath, request.getHeaders(), body));
    }
}
