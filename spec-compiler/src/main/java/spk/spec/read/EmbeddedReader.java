package spk.spec.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import spk.grammar.build.Build;
import spk.grammar.compat.Compat;
import spk.grammar.ident.AnyIdent;
import spk.grammar.ident.BuildIdent;
import spk.spec.model.EmbeddedPackageSpec;
import spk.spec.model.InstallSpec;
import spk.spec.model.Meta;
import spk.spec.model.Opt;
import spk.spec.problem.Problems;
import spk.spec.yaml.YamlNode;

/** Reads {@code install.embedded}: packages shipped inside another, always with the embedded build. */
final class EmbeddedReader {
    private EmbeddedReader() {}

    static List<EmbeddedPackageSpec> readList(YamlNode list, Problems problems) {
        List<EmbeddedPackageSpec> out = new ArrayList<>();
        for (YamlNode n : list.items()) {
            EmbeddedPackageSpec e = problems.capture(() -> read(n, problems));
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    private static EmbeddedPackageSpec read(YamlNode node, Problems problems) {
        Keys.warnUnknown(node, Set.of("pkg", "meta", "compat", "build", "install", "deprecated", "api"), false,
                problems);
        YamlNode pkgNode = node.get("pkg").orElseThrow(() -> node.problem("an embedded package needs 'pkg'"));
        AnyIdent ident = Values.parse(pkgNode, AnyIdent::parse);
        if (ident.build().isPresent() && !ident.build().get().isEmbedded()) {
            throw pkgNode.problem("an embedded package's build is always 'embedded', found '" + ident.build().get()
                    + "'");
        }
        BuildIdent pkg = new BuildIdent(ident.name(), ident.version(),
                ident.build().orElse(Build.Embedded.UNKNOWN));
        Meta meta = node.get("meta").map(m -> SectionReader.meta(m, problems)).orElse(Meta.EMPTY);
        Compat compat = node.get("compat").map(SectionReader::compat).orElse(Compat.DEFAULT);
        List<Opt> options = List.of();
        if (node.get("build").isPresent()) {
            YamlNode build = node.get("build").get();
            for (String forbidden : List.of("script", "variants", "auto_host_vars", "validation")) {
                if (build.has(forbidden)) {
                    throw build.get(forbidden).orElse(build).problem("an embedded package's build may only have "
                            + "'options', not '" + forbidden + "'");
                }
            }
            options = build.get("options").map(o -> OptionReader.readList(o, problems)).orElse(List.of());
        }
        InstallSpec install = node.get("install").map(i -> SectionReader.install(i, problems, false))
                .orElse(SectionReader.install(YamlNode.parse(node.file(), "{}"), problems, false));
        return new EmbeddedPackageSpec(pkg, meta, compat, options, install.requirements(), install.components());
    }
}
