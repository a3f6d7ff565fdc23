using System.Collections.Immutable;
using System.Collections.ObjectModel;
using Hotline.Engine.Calendar;
using NodaTime;

namespace Hotline.Engine.Profiles;

/// <summary>
/// A city's hotline policy (spec §4): time zone, period end, business hours, duplicate window, the
/// clocks (sign, return, handle, automatic and manual callback, appeal), extension limits, early
/// warning, supervision ladder and hot-spot rule, plus the list of values the city's text does not give
/// (<see cref="Assumed"/>) and where each value comes from (<see cref="Sources"/>).
/// </summary>
/// <remarks>
/// <para>Immutable; thread-safe. Every clock is optional: null means the profile does not enforce it
/// (spec §2.2 "Absent clocks").</para>
/// <para>Read one with <see cref="Parse"/>, <see cref="Load"/> or <see cref="Resolve"/>; the five
/// built-in profiles (<see cref="BuiltInNames"/>) are embedded in the assembly. Reading validates the
/// whole document and throws one <see cref="ProfileException"/> listing every problem. Unknown
/// top-level fields and unknown fields inside rule objects are ignored, so a profile written for a
/// later protocol version still loads; the names of clocks and of ticket kinds are closed sets, and an
/// unknown one is a problem (a misspelt clock would otherwise silently not be enforced).</para>
/// </remarks>
public sealed partial class PolicyProfile
{
    /// <summary>The zone used when neither the profile nor the calendar file names one (spec §3).</summary>
    public const string DefaultZoneId = "Asia/Shanghai";

    /// <summary>Creates a profile. Arguments are checked; prefer <see cref="Parse"/> for user input, which names every problem.</summary>
    /// <param name="name">The profile's name, non-empty (e.g. <c>changsha-2020</c>).</param>
    /// <param name="zone">The time zone, or null to take the calendar file's (else <see cref="DefaultZoneId"/>).</param>
    /// <param name="periodEnd">Where a working-day period ends on its last day.</param>
    /// <param name="businessHours">Business hours, or null to take the calendar file's (else <see cref="BusinessHours.Default"/>).</param>
    /// <param name="duplicateWindow">How long after closing a ticket still matches duplicates; elapsed time (h or d); null = only open tickets match.</param>
    /// <param name="sign">The sign clock; its <see cref="ClockRule.From"/> must be <see cref="ClockStart.Dispatch"/>.</param>
    /// <param name="return">The return window.</param>
    /// <param name="handle">The handle clock.</param>
    /// <param name="callbackAuto">The automatic-callback rating limit.</param>
    /// <param name="manualCallback">The manual callback limit after an unsatisfied automatic rating.</param>
    /// <param name="appeal">The appeal window after an unsatisfied rating.</param>
    /// <param name="extension">Extension limits; null = <see cref="ExtensionRule.Unlimited"/>.</param>
    /// <param name="warning">The early warning on the handle clock.</param>
    /// <param name="supervision">The ladder steps; levels 1–3, each at most once.</param>
    /// <param name="hotspot">The hot-spot rule.</param>
    /// <param name="assumed">Values the city's text does not give, one string each.</param>
    /// <param name="sources">Field path → the article it comes from (documentation only).</param>
    /// <exception cref="ArgumentException">An argument breaks one of the rules above.</exception>
    public PolicyProfile(
        string name,
        DateTimeZone? zone = null,
        PeriodEnd periodEnd = PeriodEnd.EndOfDay,
        BusinessHours? businessHours = null,
        WorkingDuration? duplicateWindow = null,
        ClockRule? sign = null,
        ClockRule? @return = null,
        HandleClockRule? handle = null,
        CallbackAutoRule? callbackAuto = null,
        LimitRule? manualCallback = null,
        LimitRule? appeal = null,
        ExtensionRule? extension = null,
        WarningRule? warning = null,
        IEnumerable<SupervisionStep>? supervision = null,
        HotspotRule? hotspot = null,
        IEnumerable<string>? assumed = null,
        IEnumerable<KeyValuePair<string, string>>? sources = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Enum.IsDefined(periodEnd))
        {
            throw new ArgumentOutOfRangeException(nameof(periodEnd), periodEnd, "Unknown period end.");
        }

        if (duplicateWindow is { IsWorkingTime: true })
        {
            throw new ArgumentException("The duplicate window is elapsed time (h or d).", nameof(duplicateWindow));
        }

        // Spec §2.2: the sign clock runs from dispatch; a sign clock from sign could never start.
        if (sign is { From: not ClockStart.Dispatch })
        {
            throw new ArgumentException("The sign clock counts from dispatch.", nameof(sign));
        }

        var steps = (supervision ?? []).ToList();
        if (steps.Any(s => s is null))
        {
            throw new ArgumentException("A supervision step is null.", nameof(supervision));
        }

        if (steps.GroupBy(s => s.Level).Any(g => g.Count() > 1))
        {
            throw new ArgumentException("Each supervision level may appear once.", nameof(supervision));
        }

        var notes = (assumed ?? []).ToImmutableArray();
        if (notes.Any(a => a is null))
        {
            throw new ArgumentException("An assumed entry is null.", nameof(assumed));
        }

        var sourceMap = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, article) in sources ?? [])
        {
            ArgumentNullException.ThrowIfNull(field, nameof(sources));
            ArgumentNullException.ThrowIfNull(article, nameof(sources));
            if (!sourceMap.TryAdd(field, article))
            {
                throw new ArgumentException($"Source '{field}' is given twice.", nameof(sources));
            }
        }

        Name = name;
        Zone = zone;
        PeriodEnd = periodEnd;
        BusinessHours = businessHours;
        DuplicateWindow = duplicateWindow;
        Sign = sign;
        Return = @return;
        Handle = handle;
        CallbackAuto = callbackAuto;
        ManualCallback = manualCallback;
        Appeal = appeal;
        Extension = extension ?? ExtensionRule.Unlimited;
        Warning = warning;
        Supervision = [.. steps.OrderBy(s => s.Level)];
        Hotspot = hotspot;
        Assumed = notes;
        Sources = new ReadOnlyDictionary<string, string>(sourceMap);
    }

    /// <summary>The profile's name (spec §7.10: a data directory remembers it).</summary>
    public string Name { get; }

    /// <summary>The time zone; null = the calendar file's, else <see cref="DefaultZoneId"/>. See <see cref="ZoneOr"/>.</summary>
    public DateTimeZone? Zone { get; }

    /// <summary>Where a working-day period ends on its last day; default <see cref="PeriodEnd.EndOfDay"/> (PRC Civil Code art. 203).</summary>
    public PeriodEnd PeriodEnd { get; }

    /// <summary>Business hours; null = the calendar file's, else <see cref="BusinessHours.Default"/>. See <see cref="BusinessHoursOr"/>.</summary>
    public BusinessHours? BusinessHours { get; }

    /// <summary>
    /// How long after its <c>closed</c> event a ticket still matches a new receive as its duplicate
    /// (exclusive at the end; spec §2.1). Elapsed time. Null: only open tickets match.
    /// </summary>
    public WorkingDuration? DuplicateWindow { get; }

    /// <summary>The sign clock (签收), always from dispatch; null = none (then "handling" starts at dispatch, spec §7.5).</summary>
    public ClockRule? Sign { get; }

    /// <summary>The return window (退回); null = a return may be asked for at any time while handling.</summary>
    public ClockRule? Return { get; }

    /// <summary>The handle clock (办理时限); null = not enforced.</summary>
    public HandleClockRule? Handle { get; }

    /// <summary>The automatic callback's rating limit; null = an automatic callback never auto-rates.</summary>
    public CallbackAutoRule? CallbackAuto { get; }

    /// <summary>The manual callback limit after an unsatisfied automatic rating; null = <c>callback-required</c> has no due.</summary>
    public LimitRule? ManualCallback { get; }

    /// <summary>The appeal window after an unsatisfied rating; null = no appeal deadline.</summary>
    public LimitRule? Appeal { get; }

    /// <summary>Extension limits; <see cref="ExtensionRule.Unlimited"/> when the profile gives none.</summary>
    public ExtensionRule Extension { get; }

    /// <summary>The early warning on the handle clock; null = no warnings.</summary>
    public WarningRule? Warning { get; }

    /// <summary>The supervision ladder, sorted by level; empty = no ladder.</summary>
    public ImmutableArray<SupervisionStep> Supervision { get; }

    /// <summary>The hot-spot rule; null = never a <c>hotspot</c> event.</summary>
    public HotspotRule? Hotspot { get; }

    /// <summary>Values the city's text does not give and the profile had to assume, one string each.</summary>
    public ImmutableArray<string> Assumed { get; }

    /// <summary>Field path → the article (or other source) the value comes from; documentation only, in document order.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; }

    /// <summary>True when the profile has a sign clock (spec §2: "handling" is then <c>signed</c> only).</summary>
    public bool HasSignClock => Sign is not null;

    /// <summary>
    /// The zone to compute in: this profile's, else the calendar file's, else <see cref="DefaultZoneId"/>
    /// (spec §3: the profile's zone wins over the calendar file's).
    /// </summary>
    /// <param name="calendarZone">The calendar file's zone, if a file gives one.</param>
    public DateTimeZone ZoneOr(DateTimeZone? calendarZone) =>
        Zone ?? calendarZone ?? DateTimeZoneProviders.Tzdb[DefaultZoneId];

    /// <summary>
    /// The business hours to compute with: this profile's, else the calendar file's, else
    /// <see cref="BusinessHours.Default"/> (spec §3).
    /// </summary>
    /// <param name="calendarHours">The calendar file's business hours, if a file gives them.</param>
    public BusinessHours BusinessHoursOr(BusinessHours? calendarHours) =>
        BusinessHours ?? calendarHours ?? BusinessHours.Default;

    /// <summary>The profile's name.</summary>
    public override string ToString() => Name;
}
