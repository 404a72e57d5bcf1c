package org.nedsj.dist;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Properties;

/** One in-process run of the {@code neds} command line: its exit status and what it printed. */
record CommandRun(int status, String out, String err) {

    static CommandRun of(Properties properties, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Neds.execute(properties, new PrintWriter(out), new PrintWriter(err), args);
        return new CommandRun(status, out.toString(), err.toString());
    }

    static CommandRun of(String... args) {
        return of(new Properties(), args);
    }

    /** A run whose plugin folder is {@code plugins} ({@code -Dneds.plugins.dir}). */
    static CommandRun withPlugins(java.nio.file.Path plugins, String... args) {
        Properties p = new Properties();
        p.setProperty("neds.plugins.dir", plugins.toString());
        return of(p, args);
    }
}
