package org.repro4j.train;

import org.repro4j.Sha256;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * SHA-256 of the code that computes results: every file under {@code src/main} and
 * {@code src/cpu} and the pom (which pins DL4J and, through the code, the data's MD5 table).
 * Computed once per JVM, in the project folder ({@code -Drepro.home}, else the working
 * directory); without a source tree there (an installed jar), of the compiled classes.
 */
public final class CodeHash {
    private CodeHash() {
    }

    /** The hash of the code this JVM runs. */
    public static String current() {
        return Holder.HASH;
    }

    private static final class Holder {
        static final String HASH = of(Path.of(System.getProperty("repro.home", "")).toAbsolutePath().normalize());
    }

    static String of(Path home) {
        List<Path> roots = Stream.of("src/main", "src/cpu").map(home::resolve).filter(Files::isDirectory).toList();
        List<Path> trees = roots.isEmpty() ? List.of(compiledClasses()) : roots;
        MessageDigest sha = Sha256.digest();
        try {
            for (Path tree : trees) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(tree)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    sha.update(tree.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                    sha.update(Files.readAllBytes(f));
                }
            }
            Path pom = home.resolve("pom.xml");
            if (Files.isRegularFile(pom)) {
                sha.update(Files.readAllBytes(pom));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash the code under " + home, e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static Path compiledClasses() {
        try {
            return Path.of(CodeHash.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
