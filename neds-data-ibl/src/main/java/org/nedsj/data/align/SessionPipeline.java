package org.nedsj.data.align;

import org.nedsj.data.PreprocessingConfig;
import org.nedsj.data.alf.AlfSession;
import org.nedsj.data.alf.ProbeSpikes;
import org.nedsj.data.alf.WheelRecording;
import org.nedsj.prep.align.AlignmentInput;
import org.nedsj.prep.align.AlignmentInput.DynamicBehaviour;
import org.nedsj.prep.align.AlignmentInput.StaticBehaviour;
import org.nedsj.prep.align.IncompleteSessionException;
import org.nedsj.prep.align.PreparedSession;
import org.nedsj.prep.align.TrialAligner;
import org.nedsj.prep.align.TrialSelection;
import org.nedsj.prep.behaviour.IrregularSignal;
import org.nedsj.prep.behaviour.WheelSpeed;

import java.util.List;

/**
 * Turns one read IBL session into trial-aligned arrays: the IBL trial filter here, then the shared
 * alignment ({@link TrialAligner}) with wheel speed and whisker motion energy as dynamic
 * behaviours (trials a behaviour does not cover are dropped) and choice and block as static ones.
 */
public final class SessionPipeline {

    public static final String WHEEL = "wheel";
    public static final String WHISKER = "whisker";
    public static final String CHOICE = "choice";
    public static final String BLOCK = "block";

    private final PreprocessingConfig config;

    public SessionPipeline(PreprocessingConfig config) {
        this.config = config;
    }

    /** @throws IncompleteSessionException when no trial or no unit survives the filters */
    public PreparedSession run(AlfSession session) {
        return new TrialAligner(config.alignment()).align(input(session)).withUnitRegions(session.regions());
    }

    /** The session as the shared alignment takes it. */
    public AlignmentInput input(AlfSession session) {
        TrialSelection selection = TrialFilter.select(session.trials(), config);
        WheelRecording w = session.wheel();
        PreprocessingConfig.WheelRules rules = config.wheel();
        List<DynamicBehaviour> dynamic = List.of(
                new DynamicBehaviour(WHEEL, WheelSpeed.of(w.timestamps(), w.position(), rules.rate(), rules.filterOrder(), rules.cutoff())),
                new DynamicBehaviour(WHISKER, IrregularSignal.withoutMissing(session.camera().times(), session.camera().motionEnergy())));
        List<StaticBehaviour> statics = List.of(
                new StaticBehaviour(CHOICE, 2, choiceClasses(session.trials().get("choice"))),
                new StaticBehaviour(BLOCK, config.trials().blockLevels().size(), blockClasses(session.trials().get("probabilityLeft"))));
        List<ProbeSpikes> probes = session.probes();
        return new AlignmentInput(session.ref().id(), session.ref().path().toString(), session.trials().collection(),
                probes.stream().map(ProbeSpikes::label).toList(), session.trials().size(), session.trials().get(config.alignTo()),
                selection, dynamic, statics, probes, session.totalClusters(), good(probes, session.totalClusters()),
                session.spikeCount(), session.camera().trimmed());
    }

    private static int[] choiceClasses(double[] choice) {
        int[] c = new int[choice.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = TrialFilter.choiceClass(choice[i]);
        }
        return c;
    }

    private int[] blockClasses(double[] probabilityLeft) {
        int[] c = new int[probabilityLeft.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = TrialFilter.blockClass(probabilityLeft[i], config.trials().blockLevels());
        }
        return c;
    }

    /** Per merged cluster id, whether clusters.metrics labels it good (false where a probe has no labels). */
    private static boolean[] good(List<ProbeSpikes> probes, int totalClusters) {
        boolean[] good = new boolean[totalClusters];
        for (ProbeSpikes p : probes) {
            for (int local = 0; p.good() != null && local < p.clusterCount(); local++) {
                good[p.clusterOffset() + local] = p.good()[local];
            }
        }
        return good;
    }
}
