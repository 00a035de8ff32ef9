package org.repro4j.train;

import org.repro4j.spec.SpecLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a result depends on, as one hash: the resolved spec, the code (every file under
 * {@code src/main} and the pom, which also pins the data's MD5 table), the seeds and the mode. A
 * results folder whose stored fingerprint equals the current one needs no re-run.
 */
final class Fingerprint {
    static final String FILE_NAME = "fingerprint.txt";

    private Fingerprint() {
    }

    static String of(Path specFile, Path projectHome, List<Long> seeds, boolean quick) {
        MessageDigest sha = sha256();
        update(sha, "spec:" + SpecLoader.canonicalJson(specFile));
        update(sha, "seeds:" + seeds + " quick:" + quick);
        update(sha, "code:" + code(projectHome));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The stored fingerprint of an experiment's results, or null when there is none. */
    static String stored(Path resultsDir) {
        Path f = resultsDir.resolve(FILE_NAME);
        try {
            return Files.isRegularFile(f) ? Files.readString(f).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The project's sources and pom; without a source tree beside the specs, the compiled classes. */
    static String code(Path home) {
        Path sources = home.resolve("src/main");
        Path root = Files.isDirectory(sources) ? sources : compiledClasses();
        MessageDigest sha = sha256();
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> sorted = Stream.concat(files, Stream.of(home.resolve("pom.xml")))
                    .filter(Files::isRegularFile).sorted().toList();
            for (Path f : sorted) {
                update(sha, f.getFileName().toString());
                sha.update(Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static Path compiledClasses() {
        try {
            return Path.of(Fingerprint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(String text) {
        MessageDigest sha = sha256();
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, String text) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
