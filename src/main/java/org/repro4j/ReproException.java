package org.repro4j;

/**
 * An error the user can fix: bad input data, a bad spec value, a missing download.
 * The message must say what is wrong, where (file, key), and how to fix it; the CLI
 * prints it without a stack trace.
 */
public class ReproException extends RuntimeException {
    public ReproException(String message) {
        super(message);
    }

    public ReproException(String message, Throwable cause) {
        super(message, cause);
    }
}
