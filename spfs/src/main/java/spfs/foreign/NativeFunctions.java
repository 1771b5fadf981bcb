package spfs.foreign;

import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.Function;
import com.kenai.jffi.Library;
import com.kenai.jffi.Type;
import java.util.Optional;

/**
 * A loaded library's functions described for jffi's invoker: a symbol's address and its C
 * signature, with errno saved by jffi right after each call, on the calling thread. Empty where
 * the library has no such symbol; each binding words that failure its own way.
 */
public final class NativeFunctions {
    private NativeFunctions() {}

    /** {@code name} in {@code library}, taking {@code parameters} and returning {@code result}. */
    public static Optional<Function> find(Library library, String name, Type result, Type... parameters) {
        long address = library.getSymbolAddress(name);
        return address == 0 ? Optional.empty()
                : Optional.of(new Function(address, result, parameters, CallingConvention.DEFAULT, true));
    }

    /** As {@link #find}, for a variadic C function whose first {@code fixed} parameters are the fixed ones. */
    public static Optional<Function> findVariadic(Library library, String name, int fixed, Type result,
            Type... parameters) {
        long address = library.getSymbolAddress(name);
        return address == 0 ? Optional.empty()
                : Optional.of(new Function(address, result, fixed, parameters, CallingConvention.DEFAULT, true));
    }
}
