package org.repro4j.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.repro4j.ReproException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The durable record of a running search: one JSON line per finished candidate, appended and
 * forced to disk as each candidate finishes, so a search killed at any moment (Ctrl-C, a crash,
 * a power cut) loses at most the candidates that were still training. The first line names the
 * spec and its SHA-256; a journal written for another version of the spec is refused rather than
 * mixed in. A line cut off by a crash is dropped when the journal is reopened.
 *
 * <p>The journal lives beside the results ({@code results/search/.journal-<name>.jsonl}) and is
 * deleted once the search's results folder has been written.
 */
final class SearchJournal implements AutoCloseable {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final Path file;
    private final FileChannel channel;
    private final Map<Integer, CandidateRecord> records;

    /** The first line: which spec the records belong to. */
    record Header(String journal, String search, @com.fasterxml.jackson.annotation.JsonProperty("spec_sha256") String specSha256) {
        static final String KIND = "repro4j-search-journal";
    }

    private SearchJournal(Path file, FileChannel channel, Map<Integer, CandidateRecord> records) {
        this.file = file;
        this.channel = channel;
        this.records = records;
    }

    static Path fileFor(Path resultsRoot, String name) {
        return resultsRoot.resolve(".journal-" + name + ".jsonl");
    }

    /**
     * Opens the journal of a search, continuing what an earlier session recorded.
     *
     * @param fresh discard an existing journal and start over
     * @throws ReproException when the existing journal belongs to another version of the spec
     */
    static SearchJournal open(Path file, String name, String specSha256, boolean fresh) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (fresh) {
                Files.deleteIfExists(file);
            }
            Header header = new Header(Header.KIND, name, specSha256);
            Map<Integer, CandidateRecord> records = new TreeMap<>();
            if (Files.exists(file)) {
                records.putAll(readRecords(file, header));
            }
            // Rewrite what survived, so a line torn by a crash cannot swallow the next one appended.
            List<String> lines = new ArrayList<>();
            lines.add(JSON.writeValueAsString(header));
            for (CandidateRecord r : records.values()) {
                lines.add(JSON.writeValueAsString(r));
            }
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, lines, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return new SearchJournal(file, channel, records);
        } catch (IOException e) {
            throw new ReproException("Cannot open the search journal " + file + ": " + e
                    + ". Check that the results folder is writable.", e);
        }
    }

    private static Map<Integer, CandidateRecord> readRecords(Path file, Header expected) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Header found = null;
        try {
            found = lines.isEmpty() ? null : JSON.readValue(lines.get(0), Header.class);
        } catch (JsonProcessingException e) {
            // handled below as not a journal
        }
        if (found == null || !expected.equals(found)) {
            throw new ReproException("The search journal " + file + " was written for "
                    + (found == null ? "something else" : "another version of the spec (SHA-256 " + found.specSha256() + ")")
                    + ", so its candidates cannot be resumed. Fix: rerun with --fresh to start the search over"
                    + " (or restore the spec it was written for).");
        }
        Map<Integer, CandidateRecord> records = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            try {
                CandidateRecord r = JSON.readValue(line, CandidateRecord.class);
                records.put(r.index(), r);
            } catch (JsonProcessingException e) {
                // A line cut off by a crash; that candidate runs again.
            }
        }
        return records;
    }

    /** The candidates recorded so far, by index. */
    synchronized Map<Integer, CandidateRecord> records() {
        return Collections.unmodifiableMap(new TreeMap<>(records));
    }

    synchronized CandidateRecord get(int index) {
        return records.get(index);
    }

    /** Wall time of the earlier sessions: the latest finish recorded. */
    synchronized double elapsedSeconds() {
        return records.values().stream().mapToDouble(CandidateRecord::elapsedSeconds).max().orElse(0);
    }

    /** Appends one finished candidate and forces it to disk before returning. */
    synchronized void append(CandidateRecord r) {
        try {
            ByteBuffer line = ByteBuffer.wrap((JSON.writeValueAsString(r) + "\n").getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(false);
            records.put(r.index(), r);
        } catch (IOException e) {
            throw new ReproException("Cannot append to the search journal " + file + ": " + e
                    + ". Check that the disk is not full.", e);
        }
    }

    /** Removes the journal once the search's results are in place. */
    void delete() {
        close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ReproException("Cannot delete the finished search journal " + file + ": " + e, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Every record was forced when appended; nothing is lost.
        }
    }
}
