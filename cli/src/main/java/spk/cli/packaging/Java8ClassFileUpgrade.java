package spk.cli.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites a dependency's jar so that its class files older than Java 6 become Java 8 class files
 * with stack map frames (run by the build on cli/target/lib, cli/pom.xml):
 * {@code Java8ClassFileUpgrade LIB_DIR JAR_NAME_PREFIX...}.
 *
 * <p>Why: the static class-data archive the launchers start from (bin/train-startup.sh) stores a
 * class file older than version 50 but cannot verify or link it when the archive is made, so every
 * JVM verified picocli's classes (compiled for Java 5, without stack maps) again with the old
 * type-inferencing verifier, and linked them, at each start. Version 52 class files with frames
 * are verified and linked once, when the archive is made.
 *
 * <p>A jar with no old class file is left untouched, so a second build rewrites nothing. A class
 * that cannot be upgraded (JSR/RET subroutines, a type whose hierarchy cannot be found) fails the
 * build, and the jar is replaced only once every class has been rewritten.
 */
public final class Java8ClassFileUpgrade {
    /** The first class-file version that carries stack map frames (Java 6). */
    static final int FIRST_WITH_FRAMES = Opcodes.V1_6;
    static final int TARGET = Opcodes.V1_8;

    private Java8ClassFileUpgrade() {}

    /** A class file this upgrade cannot rewrite; the message names the class and the reason. */
    public static final class UpgradeException extends IOException {
        private static final long serialVersionUID = 1L;

        UpgradeException(String message) {
            super(message);
        }

        UpgradeException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static void main(String[] args) throws IOException {
        Path lib = Path.of(args[0]);
        for (String prefix : Arrays.asList(args).subList(1, args.length)) {
            List<Path> jars = new ArrayList<>();
            try (DirectoryStream<Path> found = Files.newDirectoryStream(lib, prefix + "*.jar")) {
                found.forEach(jars::add);
            }
            if (jars.isEmpty()) {
                throw new UpgradeException("no " + prefix + "*.jar in " + lib);
            }
            for (Path jar : jars) {
                int upgraded = upgradeInPlace(jar);
                if (upgraded > 0) {
                    System.out.println("Upgraded " + upgraded + " class files of " + jar.getFileName() + " to Java 8 with stack maps");
                }
            }
        }
    }

    /**
     * Replaces the jar (atomically: a temporary file beside it, synced, renamed over it) by one whose
     * old class files are upgraded, every other entry copied as it is. Returns how many class files
     * were upgraded: 0 when there were none to upgrade, and then the jar is not written.
     */
    public static int upgradeInPlace(Path jar) throws IOException {
        int[] upgraded = new int[1];
        BuildOutputs.replace(jar, temp -> (upgraded[0] = upgrade(jar, temp)) > 0);
        return upgraded[0];
    }

    /**
     * Writes to {@code out} the jar {@code in} with its old class files upgraded, entries in the same
     * order with the same times. Returns how many class files were upgraded (0: {@code out} is
     * written all the same).
     */
    public static int upgrade(Path in, Path out) throws IOException {
        try (ZipFile zip = new ZipFile(in.toFile())) {
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            Map<String, byte[]> classes = new HashMap<>();
            for (ZipEntry e : entries) {
                String name = e.getName();
                if (name.startsWith("META-INF/") && (name.endsWith(".SF") || name.endsWith(".RSA") || name.endsWith(".DSA") || name.endsWith(".EC"))) {
                    throw new UpgradeException(in.getFileName() + " is signed (" + name + "): rewriting its classes would break the signature");
                }
                if (isClass(name)) {
                    try (InputStream s = zip.getInputStream(e)) {
                        classes.put(name, s.readAllBytes());
                    }
                }
            }
            Hierarchy hierarchy = new Hierarchy(classes);
            int upgraded = 0;
            try (OutputStream file = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    ZipOutputStream zipOut = new ZipOutputStream(file)) {
                for (ZipEntry e : entries) {
                    // class files were read above; only the other entries are read here
                    byte[] bytes = classes.get(e.getName());
                    if (bytes == null) {
                        try (InputStream s = zip.getInputStream(e)) {
                            bytes = s.readAllBytes();
                        }
                    } else if (majorVersion(bytes) < FIRST_WITH_FRAMES) {
                        bytes = upgradeClass(e.getName(), bytes, hierarchy);
                        upgraded++;
                    }
                    ZipEntry copy = new ZipEntry(e.getName());
                    copy.setTime(e.getTime());
                    if (e.getExtra() != null) {
                        copy.setExtra(e.getExtra());
                    }
                    zipOut.putNextEntry(copy);
                    zipOut.write(bytes);
                    zipOut.closeEntry();
                }
            }
            return upgraded;
        }
    }

    /** The class file's major version (bytes 6-7). */
    public static int majorVersion(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    static boolean isClass(String entryName) {
        return entryName.endsWith(".class") && !entryName.endsWith("module-info.class");
    }

    /** One class file as a Java 8 class file, its frames and maximum stack/locals computed by ASM. */
    static byte[] upgradeClass(String entryName, byte[] classFile, Hierarchy hierarchy) throws UpgradeException {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String type1, String type2) {
                return hierarchy.commonSuperClass(type1, type2);
            }
        };
        try {
            reader.accept(new VersionBump(writer, entryName), ClassReader.SKIP_FRAMES);
            return writer.toByteArray();
        } catch (UncheckedUpgrade e) {
            throw new UpgradeException(entryName + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new UpgradeException(entryName + ": cannot compute its stack map frames: " + e, e);
        }
    }

    /** Carries an {@link UpgradeException}'s reason out of ASM's visitors. */
    private static final class UncheckedUpgrade extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UncheckedUpgrade(String message) {
            super(message);
        }
    }

    /** Sets the version to Java 8 and refuses subroutines, which class files of version 51 and later may not hold. */
    private static final class VersionBump extends ClassVisitor {
        private final String entryName;

        VersionBump(ClassVisitor next, String entryName) {
            super(Opcodes.ASM9, next);
            this.entryName = entryName;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            super.visit(TARGET, access, name, signature, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            String method = name + descriptor;
            return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                @Override
                public void visitJumpInsn(int opcode, org.objectweb.asm.Label label) {
                    if (opcode == Opcodes.JSR) {
                        throw new UncheckedUpgrade(method + " uses JSR (a subroutine), which a Java 8 class file may not hold");
                    }
                    super.visitJumpInsn(opcode, label);
                }

                @Override
                public void visitVarInsn(int opcode, int varIndex) {
                    if (opcode == Opcodes.RET) {
                        throw new UncheckedUpgrade(method + " uses RET (a subroutine), which a Java 8 class file may not hold");
                    }
                    super.visitVarInsn(opcode, varIndex);
                }
            };
        }
    }

    /**
     * The class hierarchy frames are computed against: the jar's own classes, then the JDK's (read
     * as class files through the platform class loader, never loaded or initialised, so the answer
     * does not depend on the build's class path).
     */
    static final class Hierarchy {
        private record Header(String superName, boolean isInterface) {}

        private final Map<String, byte[]> jarClasses;
        private final Map<String, Header> headers = new HashMap<>();

        Hierarchy(Map<String, byte[]> jarClasses) {
            this.jarClasses = jarClasses;
        }

        /**
         * The nearest class both types extend; {@code java/lang/Object} when either is an interface
         * (the verifier treats interface types as Object, so this loses nothing it checks).
         */
        String commonSuperClass(String type1, String type2) {
            if (header(type1).isInterface() || header(type2).isInterface()) {
                return "java/lang/Object";
            }
            Set<String> supers1 = new HashSet<>();
            for (String t = type1; t != null; t = header(t).superName()) {
                supers1.add(t);
            }
            for (String t = type2; t != null; t = header(t).superName()) {
                if (supers1.contains(t)) {
                    return t;
                }
            }
            return "java/lang/Object";
        }

        private Header header(String type) {
            Header h = headers.get(type);
            if (h == null) {
                ClassReader r = new ClassReader(classFile(type));
                h = new Header(r.getSuperName(), (r.getAccess() & Opcodes.ACC_INTERFACE) != 0);
                headers.put(type, h);
            }
            return h;
        }

        private byte[] classFile(String type) {
            byte[] own = jarClasses.get(type + ".class");
            if (own != null) {
                return own;
            }
            try (InputStream s = ClassLoader.getPlatformClassLoader().getResourceAsStream(type + ".class")) {
                if (s == null) {
                    throw new UncheckedUpgrade("the type " + type.replace('/', '.') + " is neither in the jar nor in the JDK");
                }
                return s.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedUpgrade("cannot read the JDK's " + type.replace('/', '.') + ": " + e);
            }
        }
    }
}
