namespace Hotline.Engine.Calendar;

/// <summary>
/// A holiday schedule, calendar file or iCalendar feed could not be used. The message names the
/// source and lists every problem found, each naming the field and the value.
/// </summary>
public sealed class CalendarException : Exception
{
    /// <summary>Creates the exception from the source's name and every problem found in it.</summary>
    public CalendarException(string source, IReadOnlyList<string> problems)
        : base(Describe(source, problems))
    {
        Source = source;
        Problems = problems;
    }

    /// <summary>Creates an exception with a single message.</summary>
    public CalendarException(string message)
        : base(message)
    {
        Problems = [message];
    }

    /// <summary>Creates an exception with a single message and its cause.</summary>
    public CalendarException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Creates an empty exception (for serializers); prefer the other constructors.</summary>
    public CalendarException()
        : this("The calendar is invalid.")
    {
    }

    /// <summary>Every problem, one per entry, in the order found.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Describe(string source, IReadOnlyList<string> problems) =>
        problems.Count == 1
            ? $"{source}: {problems[0]}"
            : $"{source}: {problems.Count} problems: {string.Join("; ", problems)}";
}
