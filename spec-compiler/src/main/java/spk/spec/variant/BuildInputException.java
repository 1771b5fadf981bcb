package spk.spec.variant;

import spk.error.SpkException;

/**
 * What a build of a recipe was given cannot be used: an option value outside the option's
 * choices, a pin or pkg option whose package is not in the build environment, Strong options of
 * the environment that disagree. The user changes the recipe or the options: bad input.
 */
public final class BuildInputException extends SpkException {
    private static final long serialVersionUID = 1L;

    public BuildInputException(String code, String message) {
        super(code, message);
    }

    @Override
    public Kind kind() {
        return Kind.BAD_INPUT;
    }
}
