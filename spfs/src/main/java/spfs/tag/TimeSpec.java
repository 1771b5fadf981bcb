package spfs.tag;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import spfs.error.SpfsException;

/**
 * A point in time as spfs users write it, to look at tags as they were then: relative
 * ({@code ~10m}, {@code ~5weeks}: that long before now) or absolute ({@code @2024-10-11} midnight
 * local time, {@code @2024-10-11T13:00:00+02:00}, or a time today: {@code @14:45}, {@code @9am},
 * {@code @9:30pm}). The same forms as spfs's {@code TimeSpec}.
 */
public record TimeSpec(String text, Instant instant) {
    private static final Pattern RELATIVE = Pattern.compile("(\\d+)([a-z]+)");
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)?");

    /** Parses {@code text} relative to {@code now}; a bad one is a usage error naming the forms. */
    public static TimeSpec parse(String text, Instant now, ZoneId zone) {
        if (text.length() < 2 || (text.charAt(0) != '~' && text.charAt(0) != '@')) {
            throw invalid(text, "it must start with ~ (that long ago) or @ (a date or time)");
        }
        String rest = text.substring(1).strip();
        Instant at = text.charAt(0) == '~' ? now.minus(duration(text, rest)) : absolute(text, rest, now, zone);
        return new TimeSpec(text, at);
    }

    /** {@code 10m}, {@code 5weeks}: a number and a unit of years, weeks, days, hours, minutes or seconds. */
    private static Duration duration(String text, String rest) {
        Matcher m = RELATIVE.matcher(rest.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw invalid(text, "expected a number and a unit, e.g. ~10m, ~2h, ~5weeks");
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw invalid(text, "the number is too large");
        }
        long seconds = switch (m.group(2)) {
            case "y", "year", "years" -> 365L * 86_400;
            case "w", "week", "weeks" -> 7L * 86_400;
            case "d", "day", "days" -> 86_400;
            case "h", "hour", "hours" -> 3_600;
            case "m", "minute", "minutes" -> 60;
            case "s", "second", "seconds" -> 1;
            default -> throw invalid(text, "unknown unit '" + m.group(2)
                    + "'; expected y(ears), w(eeks), d(ays), h(ours), m(inutes) or s(econds)");
        };
        try {
            return Duration.ofSeconds(Math.multiplyExact(n, seconds));
        } catch (ArithmeticException e) {
            throw invalid(text, "the duration is too long");
        }
    }

    private static Instant absolute(String text, String rest, Instant now, ZoneId zone) {
        try {
            if (rest.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(rest).atStartOfDay(zone).toInstant();
            }
            if (rest.matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
                return OffsetDateTime.parse(rest, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            }
            Matcher m = CLOCK.matcher(rest.toLowerCase(Locale.ROOT));
            if (m.matches() && (m.group(2) != null || m.group(3) != null)) {
                int hour = Integer.parseInt(m.group(1));
                int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
                if (m.group(3) != null) {
                    if (hour < 1 || hour > 12) {
                        throw invalid(text, "an am/pm hour is 1 to 12");
                    }
                    hour = hour % 12 + (m.group(3).equals("pm") ? 12 : 0);
                }
                return LocalTime.of(hour, minute).atDate(now.atZone(zone).toLocalDate()).atZone(zone).toInstant();
            }
        } catch (DateTimeException e) {
            throw invalid(text, e.getMessage());
        }
        throw invalid(text, "expected a date (2024-01-31), a time (9am, 9:30pm, 14:45) or a date and time "
                + "(2024-01-31T09:45:00+02:00)");
    }

    private static SpfsException invalid(String text, String why) {
        return SpfsException.badInput("invalid-time", "invalid time '" + text + "': " + why);
    }

    /** The version of a tag stream that was current at this time, if the tag existed then. */
    public java.util.Optional<Tag> current(java.util.List<Tag> streamNewestFirst) {
        return streamNewestFirst.stream().filter(t -> !t.time().isAfter(instant)).findFirst();
    }
}
