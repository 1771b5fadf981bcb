package spk.solver;

/**
 * SPK's {@code [solver]} ordering settings: which requests are decided first
 * ({@code request_priority_order}) and which option names rank a version's builds first
 * ({@code build_key_name_order}).
 */
public record OrderSettings(NameOrder requestPriority, NameOrder buildKeyNames) {
    /** SPK's defaults: requests in the order met, option names alphabetical. */
    public static final OrderSettings DEFAULT = new OrderSettings(NameOrder.NONE, NameOrder.NONE);
}
