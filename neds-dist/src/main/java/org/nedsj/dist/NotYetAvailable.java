package org.nedsj.dist;

import picocli.CommandLine.Model.CommandSpec;

/**
 * The body of a command whose machinery this build does not have yet: says so and exits with
 * status {@value Neds#USAGE}. It prints nothing else, so no output is mistaken for a result.
 */
final class NotYetAvailable {

    private NotYetAvailable() {
    }

    static int report(CommandSpec command) {
        command.commandLine().getErr().println(command.qualifiedName() + ": not available yet in this build");
        command.commandLine().getErr().flush();
        return Neds.USAGE;
    }
}
