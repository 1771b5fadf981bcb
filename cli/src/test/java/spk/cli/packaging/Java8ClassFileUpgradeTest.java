package spk.cli.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

class Java8ClassFileUpgradeTest {
    @TempDir
    Path temp;

    /** A small command, loaded against the original and against the upgraded picocli. */
    @Command(name = "greet", mixinStandardHelpOptions = true, version = "greet 1", description = "Greets someone.")
    public static final class Greet implements Runnable {
        @Option(names = {"-n", "--times"}, description = "How many times (default: ${DEFAULT-VALUE}).", defaultValue = "1")
        public int times;

        @Option(names = "--shout", description = "Upper case.")
        public boolean shout;

        @Parameters(paramLabel = "NAME", arity = "1..*", description = "Who to greet.")
        public List<String> names = new ArrayList<>();

        @Override
        public void run() {}
    }

    private static Path picocliJar() throws Exception {
        return Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private Path upgradedCopy() throws Exception {
        Path jar = temp.resolve("picocli.jar");
        Files.copy(picocliJar(), jar);
        Files.setPosixFilePermissions(jar, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(Java8ClassFileUpgrade.upgradeInPlace(jar) > 100, "picocli's classes are upgraded");
        return jar;
    }

    @Test
    void everyClassOfPicocliBecomesAJava8ClassFileWithFrames() throws Exception {
        Path jar = upgradedCopy();
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(jar)),
                "the jar's mode kept: every user of the launchers reads it");
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile()); ZipFile original = new ZipFile(picocliJar().toFile())) {
            List<String> entries = new ArrayList<>();
            for (ZipEntry e : Collections.list(zip.entries())) {
                entries.add(e.getName());
                if (!Java8ClassFileUpgrade.isClass(e.getName())) {
                    // the manifest, module-info and resources as they were
                    try (InputStream a = zip.getInputStream(e); InputStream b = original.getInputStream(original.getEntry(e.getName()))) {
                        assertArrayEquals(b.readAllBytes(), a.readAllBytes(), e.getName());
                    }
                    continue;
                }
                byte[] classFile;
                try (InputStream s = zip.getInputStream(e)) {
                    classFile = s.readAllBytes();
                }
                assertEquals(Opcodes.V1_8, Java8ClassFileUpgrade.majorVersion(classFile), e.getName());
                assertTrue(framesWhereBranches(classFile), e.getName() + " has stack map frames wherever its code branches");
                names.add(e.getName().substring(0, e.getName().length() - ".class".length()).replace('/', '.'));
            }
            List<String> originalEntries = new ArrayList<>();
            Collections.list(original.entries()).forEach(e -> originalEntries.add(e.getName()));
            assertEquals(originalEntries, entries, "the same entries in the same order");
        }
        // each class loads, verifies (the split verifier: no fallback for version 52) and links
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String name : names) {
                Class<?> type = Class.forName(name, false, loader);
                type.getDeclaredMethods(); // links it
                assertEquals(loader, type.getClassLoader(), name);
            }
        }
    }

    /** Whether every method whose code branches (a jump, a switch or a handler) carries frames. */
    private static boolean framesWhereBranches(byte[] classFile) {
        AtomicBoolean ok = new AtomicBoolean(true);
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    boolean branches;
                    boolean frames;

                    @Override
                    public void visitJumpInsn(int opcode, Label label) {
                        branches = true;
                    }

                    @Override
                    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
                        branches = true;
                    }

                    @Override
                    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
                        branches = true;
                    }

                    @Override
                    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                        branches = true;
                    }

                    @Override
                    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
                        frames = true;
                    }

                    @Override
                    public void visitEnd() {
                        if (branches && !frames) {
                            ok.set(false);
                        }
                    }
                };
            }
        }, 0);
        return ok.get();
    }

    @Test
    void upgradedPicocliParsesAndPrintsTheSameUsage() throws Exception {
        Path jar = upgradedCopy();
        URL tests = Greet.class.getProtectionDomain().getCodeSource().getLocation();
        String original;
        String upgraded;
        try (URLClassLoader before = new URLClassLoader(new URL[] {picocliJar().toUri().toURL(), tests}, ClassLoader.getPlatformClassLoader());
                URLClassLoader after = new URLClassLoader(new URL[] {jar.toUri().toURL(), tests}, ClassLoader.getPlatformClassLoader())) {
            original = usageAndParse(before, false);
            upgraded = usageAndParse(after, true);
        }
        assertTrue(original.contains("Greets someone."), original);
        assertEquals(original, upgraded);
    }

    /** The usage of {@link Greet} by the loader's picocli, after parsing a command line with it. */
    private static String usageAndParse(ClassLoader loader, boolean upgraded) throws Exception {
        Class<?> commandLine = Class.forName("picocli.CommandLine", true, loader);
        assertEquals(loader, commandLine.getClassLoader());
        try (InputStream s = loader.getResourceAsStream("picocli/CommandLine.class")) {
            assertEquals(upgraded ? Opcodes.V1_8 : 49, Java8ClassFileUpgrade.majorVersion(s.readAllBytes()));
        }
        Object command = Class.forName(Greet.class.getName(), true, loader).getDeclaredConstructor().newInstance();
        Object cl = commandLine.getConstructor(Object.class).newInstance(command);
        commandLine.getMethod("parseArgs", String[].class).invoke(cl, (Object) new String[] {"-n", "3", "--shout", "ann", "bob"});
        assertEquals(3, command.getClass().getField("times").getInt(command));
        assertTrue(command.getClass().getField("shout").getBoolean(command));
        assertEquals(List.of("ann", "bob"), command.getClass().getField("names").get(command));
        return (String) commandLine.getMethod("getUsageMessage").invoke(cl);
    }

    @Test
    void aSecondUpgradeLeavesTheJarAsItIs() throws Exception {
        Path jar = upgradedCopy();
        byte[] once = Files.readAllBytes(jar);
        var modified = Files.getLastModifiedTime(jar);
        assertEquals(0, Java8ClassFileUpgrade.upgradeInPlace(jar));
        assertArrayEquals(once, Files.readAllBytes(jar));
        assertEquals(modified, Files.getLastModifiedTime(jar));
        try (var left = Files.list(temp)) {
            assertEquals(List.of(jar), left.toList(), "no temporary file left");
        }
    }

    @Test
    void aSubroutineFailsTheUpgradeAndLeavesTheJarAsItIs() throws Exception {
        ClassWriter w = new ClassWriter(0);
        w.visit(Opcodes.V1_5, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "old/Finally", null, "java/lang/Object", null);
        MethodVisitor m = w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run", "()V", null, null);
        m.visitCode();
        Label sub = new Label();
        m.visitJumpInsn(Opcodes.JSR, sub);
        m.visitInsn(Opcodes.RETURN);
        m.visitLabel(sub);
        m.visitVarInsn(Opcodes.ASTORE, 0);
        m.visitVarInsn(Opcodes.RET, 0);
        m.visitMaxs(1, 1);
        m.visitEnd();
        w.visitEnd();
        Path jar = temp.resolve("old.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry("old/Finally.class"));
            out.write(w.toByteArray());
            out.closeEntry();
        }
        byte[] before = Files.readAllBytes(jar);
        var e = assertThrows(Java8ClassFileUpgrade.UpgradeException.class, () -> Java8ClassFileUpgrade.upgradeInPlace(jar));
        assertTrue(e.getMessage().contains("old/Finally.class") && e.getMessage().contains("JSR"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(jar));
        try (var left = Files.list(temp)) {
            assertFalse(left.anyMatch(p -> !p.equals(jar)), "no temporary file left");
        }
    }

    @Test
    void aTypeFoundNowhereFailsTheUpgrade() throws IOException {
        ClassWriter w = new ClassWriter(0);
        w.visit(Opcodes.V1_5, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "old/Merge", null, "java/lang/Object", null);
        MethodVisitor m = w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "pick", "(ZLmissing/A;Lmissing/B;)Ljava/lang/Object;", null, null);
        m.visitCode();
        Label other = new Label();
        Label done = new Label();
        m.visitVarInsn(Opcodes.ILOAD, 0);
        m.visitJumpInsn(Opcodes.IFEQ, other);
        m.visitVarInsn(Opcodes.ALOAD, 1);
        m.visitJumpInsn(Opcodes.GOTO, done);
        m.visitLabel(other);
        m.visitVarInsn(Opcodes.ALOAD, 2);
        m.visitLabel(done);
        m.visitInsn(Opcodes.ARETURN);
        m.visitMaxs(1, 3);
        m.visitEnd();
        w.visitEnd();
        Path jar = temp.resolve("merge.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry("old/Merge.class"));
            out.write(w.toByteArray());
            out.closeEntry();
        }
        var e = assertThrows(Java8ClassFileUpgrade.UpgradeException.class, () -> Java8ClassFileUpgrade.upgradeInPlace(jar));
        assertTrue(e.getMessage().contains("missing.A") || e.getMessage().contains("missing.B"), e.getMessage());
    }
}
