package spfs.tag;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The date-times spfs writes (tag times, a runtime's creation time) read and written by hand in
 * their usual shape: {@code uuuu-MM-ddTHH:mm:ss}, an optional fraction of 1-9 digits, then
 * {@code Z} or {@code ±HH:MM}. java.time's formatters give the same answers, but the first parse
 * in a JVM builds their tables and runs their resolver interpreted: 10-25 ms of every command that
 * reads a tag. Any other shape is left to them (callers fall back), so what is accepted and what it
 * means does not change.
 */
public final class Rfc3339 {
    private Rfc3339() {}

    /**
     * The date-time of {@code s} when it has the usual shape; empty when it has another (the
     * caller asks java.time). Throws {@link DateTimeException} for the usual shape with a field out
     * of range (month 13, February 30, hour 24), as java.time's strict parsers reject them.
     */
    public static Optional<OffsetDateTime> parse(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return Optional.empty();
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return Optional.empty();
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 10 && isDigit(s.charAt(i))) {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return Optional.empty();
            }
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if ((oh | om) < 0) {
                return Optional.empty();
            }
            int sign = s.charAt(i) == '-' ? -1 : 1;
            offset = ZoneOffset.ofHoursMinutes(sign * oh, sign * om);
        } else {
            return Optional.empty();
        }
        return Optional.of(OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset));
    }

    /**
     * Appends {@code uuuu-MM-ddTHH:mm:ss} of {@code t} and returns true, as
     * {@code DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")} prints it; false, appending
     * nothing, for a year outside 0-9999 (printed with a sign there: the caller asks java.time).
     */
    public static boolean appendDateTime(StringBuilder b, OffsetDateTime t) {
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return false;
        }
        pad(b, year, 4).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append('T');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2);
        return true;
    }

    /** {@code value} in at least {@code width} digits, zeros first. */
    public static StringBuilder pad(StringBuilder b, int value, int width) {
        String d = Integer.toString(value);
        for (int k = d.length(); k < width; k++) {
            b.append('0');
        }
        return b.append(d);
    }

    /** The number in {@code count} ASCII digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int k = from; k < from + count; k++) {
            char c = s.charAt(k);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
