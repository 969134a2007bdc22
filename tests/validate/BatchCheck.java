// Runs epubcheck over every book the end-to-end tests collected, in one JVM: starting epubcheck
// costs 3 to 5 s, checking a small book after the first well under one. Built against, and run
// with, each epubcheck jar (4.2.6 and 5.3.0 share this part of the API).
//
//   java -cp epubcheck.jar:DIR BatchCheck [--usage] FOLDER
//
// Every FOLDER/**/*.epub must give no message at all: no fatal error, error, warning, info or
// (with --usage, as epubcheck -u) usage. BOOK.epub.expect may list message ids that book is
// allowed ("allow CSS-028"). Prints one line per book and a closing "N passed, N failed" line;
// exits 1 when a book fails or when there is no book (a run that checks nothing proves nothing).
import com.adobe.epubcheck.api.EPUBLocation;
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.messages.Message;
import com.adobe.epubcheck.messages.Severity;
import com.adobe.epubcheck.util.DefaultReportImpl;
import com.adobe.epubcheck.util.ReportingLevel;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

public class BatchCheck {
    /// Keeps each message epubcheck reports, as its command line prints them.
    static final class Collector extends DefaultReportImpl {
        final List<String> messages = new ArrayList<>();
        final List<String> ids = new ArrayList<>();

        Collector(String name) {
            super(name);
        }

        @Override
        public void message(Message message, EPUBLocation location, Object... args) {
            Severity severity = message.getSeverity();
            if (severity == Severity.SUPPRESSED) return;
            if (ReportingLevel.getReportingLevel(severity) < getReportingLevel()) return;
            ids.add(message.getID().toString());
            messages.add(severity + "(" + message.getID() + "): " + location + ": "
                         + message.getMessage(args));
            super.message(message, location, args);
        }
    }

    public static void main(String[] argv) throws IOException {
        boolean usage = false;
        String folder = null;
        for (String a : argv) {
            if (a.equals("--usage")) usage = true;
            else folder = a;
        }
        if (folder == null) {
            System.err.println("usage: BatchCheck [--usage] FOLDER");
            System.exit(2);
        }
        Path root = Paths.get(folder);
        List<Path> books;
        try (Stream<Path> walk = Files.walk(root)) {
            books = walk.filter(p -> p.toString().endsWith(".epub") && Files.isRegularFile(p))
                        .sorted()
                        .collect(Collectors.toList());
        } catch (IOException e) {
            books = new ArrayList<>();
        }
        String version = EpubCheck.version();
        int passed = 0, failed = 0;
        PrintStream out = System.out, err = System.err;
        for (Path book : books) {
            Set<String> allowed = new HashSet<>();
            Path expect = Paths.get(book + ".expect");
            if (Files.exists(expect))
                for (String line : Files.readAllLines(expect, StandardCharsets.UTF_8))
                    if (line.startsWith("allow ")) allowed.add(line.substring(6).trim());

            Collector report = new Collector(book.toString());
            report.setReportingLevel(usage ? ReportingLevel.Usage : ReportingLevel.Info);
            // epubcheck prints as it goes; what it prints is kept for a failing book only.
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream capture = new PrintStream(printed, true, "UTF-8");
            System.setOut(capture);
            System.setErr(capture);
            String crash = null;
            try {
                new EpubCheck(new File(book.toString()), report).doValidate();
            } catch (RuntimeException e) {
                crash = e.toString();
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
            List<String> unexpected = new ArrayList<>();
            for (int i = 0; i < report.ids.size(); i++)
                if (!allowed.contains(report.ids.get(i))) unexpected.add(report.messages.get(i));
            String name = root.relativize(book).toString();
            if (crash == null && unexpected.isEmpty()) {
                passed++;
                out.println("ok: epubcheck " + version + ": " + name
                            + (report.ids.isEmpty() ? "" : " (allowed: " + report.ids + ")"));
            } else {
                failed++;
                out.println("FAIL: epubcheck " + version + ": " + name + ": "
                            + (crash != null ? "epubcheck failed: " + crash
                                             : unexpected.size() + " message(s)"));
                for (String m : unexpected) out.println("    " + m);
                if (crash != null) out.print(printed.toString("UTF-8"));
            }
        }
        out.println("epubcheck " + version + (usage ? " -u" : "") + ": " + passed + " passed, "
                    + failed + " failed");
        if (books.isEmpty()) out.println("FAIL: no book under " + root);
        System.exit(failed == 0 && !books.isEmpty() ? 0 : 1);
    }
}
