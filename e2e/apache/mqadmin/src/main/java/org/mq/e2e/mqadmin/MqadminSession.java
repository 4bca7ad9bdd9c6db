package org.mq.e2e.mqadmin;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.rocketmq.tools.command.MQAdminStartup;

/**
 * Apache's mqadmin, many sub-commands in one JVM: each stdin line is one command line (arguments
 * separated by NUL), run through {@code MQAdminStartup.main0} exactly as {@code mqadmin} would run
 * it, with everything it prints on System.out and System.err captured. Stdout carries only the
 * results, one frame per command:
 * <pre>@@mqadmin-result &lt;done|exit&gt; &lt;stdout bytes&gt; &lt;stderr bytes&gt;\n&lt;stdout&gt;&lt;stderr&gt;</pre>
 * {@code exit} marks a command that called System.exit (Apache's option parser does on a bad
 * option or -h): its frame is written by a shutdown hook and the JVM's exit code is its own.
 * Output printed between commands goes to stderr. The session ends at the end of stdin.
 */
public final class MqadminSession extends MQAdminStartup {
    private static final String FRAME_MARKER = "@@mqadmin-result";

    private static final PrintStream FRAMES = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
    private static final PrintStream CONSOLE = System.err;

    /** The command in progress, for the shutdown hook. */
    private static volatile Capture running;

    private MqadminSession() {
    }

    public static void main(String[] args) {
        System.setOut(CONSOLE);
        Runtime.getRuntime().addShutdownHook(new Thread(MqadminSession::reportInterruptedCommand));
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = nextLine(commands); line != null; line = nextLine(commands)) {
            Capture capture = runCommand(line.split("\0", -1));
            writeFrame("done", capture);
        }
        System.exit(0);
    }

    private static String nextLine(BufferedReader commands) {
        try {
            return commands.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the next command line", e);
        }
    }

    private static Capture runCommand(String[] commandLine) {
        Capture capture = new Capture();
        running = capture;
        System.setOut(capture.out);
        System.setErr(capture.err);
        try (IdleEventExecutorWaker waker = new IdleEventExecutorWaker(Thread.currentThread())) {
            // A fresh table per command: some sub-commands keep state in their fields.
            SUB_COMMANDS.clear();
            main0(commandLine, null);
        } catch (Throwable unexpected) {
            unexpected.printStackTrace();
        } finally {
            System.setOut(CONSOLE);
            System.setErr(CONSOLE);
            running = null;
        }
        return capture;
    }

    private static void reportInterruptedCommand() {
        Capture capture = running;
        if (capture != null) {
            writeFrame("exit", capture);
        }
    }

    private static synchronized void writeFrame(String outcome, Capture capture) {
        capture.out.flush();
        capture.err.flush();
        byte[] out = capture.outBytes.toByteArray();
        byte[] err = capture.errBytes.toByteArray();
        String header = FRAME_MARKER + " " + outcome + " " + out.length + " " + err.length + "\n";
        FRAMES.write(header.getBytes(StandardCharsets.US_ASCII), 0, header.length());
        FRAMES.write(out, 0, out.length);
        FRAMES.write(err, 0, err.length);
        FRAMES.flush();
    }

    /** What one command printed. */
    private static final class Capture {
        final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        final PrintStream out = printStream(outBytes);
        final PrintStream err = printStream(errBytes);

        private static PrintStream printStream(OutputStream sink) {
            return new PrintStream(sink, true, StandardCharsets.UTF_8);
        }
    }
}
