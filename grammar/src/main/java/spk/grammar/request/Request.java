package spk.grammar.request;

/** A requirement on the solve: a package request or a var (option value) request. */
public sealed interface Request permits PkgRequest, VarRequest, VarSuppression {}
