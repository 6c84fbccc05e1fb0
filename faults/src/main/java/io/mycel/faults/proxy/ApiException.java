package io.mycel.faults.proxy;

/** A request the API refuses, with the HTTP status Toxiproxy gives for it and a reason for the caller. */
final class ApiException extends RuntimeException {

    final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }
}
