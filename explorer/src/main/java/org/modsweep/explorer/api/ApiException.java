package org.modsweep.explorer.api;

/**
 * A request the app refuses or cannot answer, with the HTTP status and one line for the browser. The message is
 * written for the user; it never carries a stack trace or a file system path outside the store.
 */
public final class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, message);
    }
}
