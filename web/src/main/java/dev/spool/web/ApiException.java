package dev.spool.web;

/** A request the API refuses: its HTTP status and a reason a person can read. */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    ApiException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    static ApiException badRequest(String reason) {
        return new ApiException(400, reason);
    }

    static ApiException notFound(String reason) {
        return new ApiException(404, reason);
    }
}
