package dev.metatune.cli;

import dev.metatune.error.UserInputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code metatune} command line. Exit codes: 0 success; 2 bad input, that is a
 * {@link UserInputException} (the message names the file, field or value) or a command-line usage
 * error; 1 any other failure, an {@link IllegalArgumentException} from inside the code included, or
 * a run in which some study completed no trial. Either way the message is printed alone, without a
 * stack trace (set {@code -Dmetatune.debug=true} for one).
 */
@Command(name = "metatune", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Meta-trains, tunes and compares few-shot learning algorithms.",
        subcommands = {ListCommand.class, DatasetsCommand.class, ValidateCommand.class, RunCommand.class,
            ReportCommand.class, ImportanceCommand.class, EvalCommand.class, TestCommand.class, EpisodesCommand.class, DevicesCommand.class,
            BenchCommand.class, HpoBenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code for bad input: a bad option, file, field or value. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code for a failure that is not the input's fault. */
    public static final int EXIT_FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line with the given streams and returns its exit code (for tests and for main). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(new CommandLine(new Main()), args, out, err);
    }

    /** Runs {@code cli} (the whole command line, or one command for tests) with the exit codes and messages of {@code metatune}. */
    static int execute(CommandLine cli, String[] args, PrintWriter out, PrintWriter err) {
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(Main::exitCodeOf);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("metatune " + commandLine.getCommandName() + ": " + messageOf(e));
            if (Boolean.getBoolean("metatune.debug")) {
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return exitCodeOf(e);
        });
        return cli.execute(args);
    }

    /**
     * 2 when {@code e}, or an exception it wraps, is a {@link UserInputException} or a picocli
     * {@link CommandLine.ParameterException}; 1 for anything else.
     */
    static int exitCodeOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UserInputException || t instanceof CommandLine.ParameterException) {
                return EXIT_BAD_INPUT;
            }
        }
        return EXIT_FAILURE;
    }

    static String messageOf(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return message;
    }
}
