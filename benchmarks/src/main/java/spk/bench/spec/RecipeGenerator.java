package spk.bench.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of realistic recipe texts: var and pkg options, variants, pinned and plain
 * requirements, components, environment, tests; one in five is a template.
 */
public final class RecipeGenerator {
    private RecipeGenerator() {}

    public static List<String> generate(int count, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(recipe(i, r));
        }
        return out;
    }

    private static String name(int i) {
        return "pkg-" + Integer.toString(i, 36);
    }

    private static String recipe(int i, Random r) {
        boolean template = r.nextInt(5) == 0;
        String version = (1 + r.nextInt(5)) + "." + r.nextInt(20) + "." + r.nextInt(10);
        StringBuilder sb = new StringBuilder();
        if (template) {
            sb.append("# {% set opt = opt | default_opts(version=\"").append(version).append("\") %}\n");
            version = "{{ opt.version }}";
        }
        sb.append("api: v0/package\npkg: ").append(name(i)).append('/').append(version).append('\n');
        sb.append("meta:\n  description: generated package number ").append(i).append("\n  license: Apache-2.0\n");
        if (r.nextBoolean()) {
            sb.append("compat: x.a.b\n");
        }
        sb.append("sources:\n  - git: https://example.com/").append(name(i)).append("\n    ref: v").append(version)
                .append('\n');
        sb.append("build:\n  options:\n    - var: os\n    - var: arch\n");
        sb.append("    - var: debug/off\n      choices: [on, off]\n");
        sb.append("    - var: abi/cp3").append(r.nextInt(10)).append("m\n      inheritance: Strong\n")
                .append("      description: the abi\n");
        int deps = 2 + r.nextInt(4);
        for (int d = 0; d < deps; d++) {
            sb.append("    - pkg: ").append(name(100000 + (i * 8 + d * 131) % 5000)).append("/>=")
                    .append(1 + r.nextInt(3)).append('.').append(r.nextInt(10)).append('\n');
        }
        sb.append("  variants:\n    - { debug: on }\n    - { debug: off }\n");
        sb.append("  script:\n    - ./configure --prefix=$PREFIX\n    - make -j$(nproc)\n    - make install\n");
        sb.append("install:\n  requirements:\n");
        for (int d = 0; d < 1 + r.nextInt(5); d++) {
            sb.append("    - pkg: ").append(name(200000 + (i * 8 + d * 137) % 5000));
            switch (r.nextInt(4)) {
                case 0 -> sb.append("/~").append(1 + r.nextInt(3)).append('.').append(r.nextInt(10)).append('\n');
                case 1 -> sb.append("\n      fromBuildEnv: x.x\n");
                case 2 -> sb.append("/>=1.0,<").append(2 + r.nextInt(3)).append(".0\n      include: IfAlreadyPresent\n");
                default -> sb.append('\n');
            }
        }
        sb.append("    - var: debug/off\n");
        sb.append("  environment:\n    - prepend: PATH\n      value: /spfs/opt/").append(name(i)).append("/bin\n");
        sb.append("  components:\n    - name: run\n      files: [/bin/, /lib/]\n    - name: build\n      uses: [run]\n")
                .append("      files: [/include/]\n    - name: docs\n      files: [/share/doc]\n");
        sb.append("tests:\n  - stage: install\n    script: [\"").append(name(i)).append(" --version\"]\n");
        return sb.toString();
    }
}
