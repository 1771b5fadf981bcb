package spk.cli.app;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the user watches on a terminal (progress is drawn only then). */
public final class Terminal {
    private Terminal() {}

    /**
     * True when this process talks to a terminal. From Java 22 {@code System.console()} exists
     * even when redirected, so its {@code isTerminal()} is asked where there is one.
     */
    public static boolean isInteractive() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            Method m = Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(c);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
