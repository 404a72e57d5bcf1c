package org.nedsj.dist;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nedsj.trainer.config.ExperimentContext;
import org.nedsj.trainer.config.ExperimentSources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code neds plugins}: every plugin found, what it provides, and where it came from. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = {"Lists every plugin found on the class path and in the plugin directory, with the factories it provides "
                + "(by extension point, name and description) and the jar it came from.",
                "The plugin directory is $NEDS_HOME/plugins, or the one -Dneds.plugins.dir names."})
final class PluginsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    Neds neds;

    @Override
    public Integer call() {
        ExperimentSources sources = new ExperimentSources(Optional.empty(), List.of(), neds.systemProperties());
        try (ExperimentContext context = ExperimentContext.open(sources)) {
            spec.commandLine().getOut().print(PluginTable.render(context.plugins()));
        }
        return 0;
    }
}
