using System.Globalization;
using System.Text.Json;
using Hotline.Engine.Calendar;
using Hotline.Engine.Tickets;
using NodaTime;

namespace Hotline.Engine.Profiles;

/// <summary>
/// Reads a profile document (spec §4) into a <see cref="PolicyProfile"/>, collecting every problem
/// with the path of its field instead of stopping at the first. Not thread-safe: one instance per
/// document, used by <see cref="PolicyProfile.Parse"/> only.
/// </summary>
/// <remarks>
/// A field that is absent and a field that is <c>null</c> mean the same (not set). Unknown fields of
/// the document and of rule objects are skipped (forward-compatible); unknown clock names and kind
/// names are problems. Comments and trailing commas are tolerated.
/// </remarks>
internal sealed class ProfileReader
{
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    // Every problem found so far, in document order.
    private readonly List<string> _problems = [];

    private ProfileReader()
    {
    }

    /// <summary>Parses and validates <paramref name="json"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="ProfileException">The text is not JSON, or the profile has problems (all listed).</exception>
    public static PolicyProfile Read(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            throw new ProfileException(source, [$"not valid JSON: {ex.Message}"], ex);
        }

        using (document)
        {
            var reader = new ProfileReader();
            var profile = reader.ReadRoot(document.RootElement);
            if (profile is null || reader._problems.Count > 0)
            {
                throw new ProfileException(source, reader._problems);
            }

            return profile;
        }
    }

    private PolicyProfile? ReadRoot(JsonElement root)
    {
        var fields = ReadObject(root, "(document)");
        if (fields is null)
        {
            return null;
        }

        string? name = null;
        if (Get(fields, "name") is { } nameElement)
        {
            name = ReadString(nameElement, "name");
            if (name is not null && string.IsNullOrWhiteSpace(name))
            {
                Problem("name: must not be empty");
            }
        }
        else
        {
            Problem("name: required (a non-empty string, e.g. \"changsha-2020\")");
        }

        DateTimeZone? zone = null;
        if (Get(fields, "zone") is { } zoneElement && ReadString(zoneElement, "zone") is { } zoneId)
        {
            zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
            if (zone is null)
            {
                Problem($"zone: '{zoneId}' is not a time zone of the tz database (e.g. \"Asia/Shanghai\")");
            }
        }

        var periodEnd = PeriodEnd.EndOfDay;
        if (Get(fields, "periodEnd") is { } endElement && ReadString(endElement, "periodEnd") is { } endName)
        {
            if (ProfileWire.ParsePeriodEnd(endName) is { } end)
            {
                periodEnd = end;
            }
            else
            {
                Problem($"periodEnd: '{endName}' is not endOfDay or closeOfBusiness");
            }
        }

        var businessHours = Get(fields, "businessHours") is { } hoursElement ? ReadBusinessHours(hoursElement) : null;

        WorkingDuration? duplicateWindow = null;
        if (Get(fields, "duplicateWindow") is { } windowElement)
        {
            duplicateWindow = ReadElapsed(windowElement, "duplicateWindow", allowZero: true);
        }

        var clocks = Get(fields, "clocks") is { } clocksElement ? ReadObject(clocksElement, "clocks") : null;
        ClockRule? sign = null, @return = null;
        HandleClockRule? handle = null;
        CallbackAutoRule? callbackAuto = null;
        LimitRule? manualCallback = null, appeal = null;
        if (clocks is not null)
        {
            foreach (string clock in clocks.Keys)
            {
                if (!ProfileWire.ClockNames.Contains(clock, StringComparer.Ordinal))
                {
                    Problem($"clocks.{clock}: unknown clock (known: {string.Join(", ", ProfileWire.ClockNames)})");
                }
            }

            sign = Get(clocks, "sign") is { } s ? ReadClock(s, "clocks.sign", isSign: true) : null;
            @return = Get(clocks, "return") is { } r ? ReadClock(r, "clocks.return", isSign: false) : null;
            handle = Get(clocks, "handle") is { } h ? ReadHandle(h, "clocks.handle") : null;
            callbackAuto = Get(clocks, "callbackAuto") is { } c ? ReadCallbackAuto(c, "clocks.callbackAuto") : null;
            manualCallback = Get(clocks, "manualCallback") is { } m ? ReadLimit(m, "clocks.manualCallback") : null;
            appeal = Get(clocks, "appeal") is { } a ? ReadLimit(a, "clocks.appeal") : null;
        }

        var extension = Get(fields, "extension") is { } e ? ReadExtension(e, "extension") : null;
        var warning = Get(fields, "warning") is { } w ? ReadWarning(w, "warning") : null;
        var supervision = Get(fields, "supervision") is { } l ? ReadSupervision(l, "supervision") : null;
        var hotspot = Get(fields, "hotspot") is { } hs ? ReadHotspot(hs, "hotspot") : null;
        var assumed = Get(fields, "assumed") is { } asm ? ReadStrings(asm, "assumed") : null;
        var sources = Get(fields, "sources") is { } src ? ReadSources(src, "sources") : null;

        if (_problems.Count > 0 || name is null)
        {
            return null;
        }

        try
        {
            return new PolicyProfile(
                name, zone, periodEnd, businessHours, duplicateWindow, sign, @return, handle, callbackAuto,
                manualCallback, appeal, extension, warning, supervision, hotspot, assumed, sources);
        }
        catch (ArgumentException ex)
        {
            // Every rule the constructor checks is checked above with a path; this is a safety net.
            Problem(ex.Message);
            return null;
        }
    }

    private BusinessHours? ReadBusinessHours(JsonElement element)
    {
        const string path = "businessHours";
        if (element.ValueKind != JsonValueKind.Array)
        {
            Problem($"{path}: expected an array of [\"HH:mm\", \"HH:mm\"] pairs, got {Describe(element)}");
            return null;
        }

        var pairs = new List<IReadOnlyList<string>>();
        bool shapeOk = true;
        int i = 0;
        foreach (var pair in element.EnumerateArray())
        {
            if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2
                || pair.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
            {
                Problem($"{path}[{i}]: expected a pair [\"HH:mm\", \"HH:mm\"], got {Describe(pair)}");
                shapeOk = false;
            }
            else
            {
                pairs.Add([.. pair.EnumerateArray().Select(t => t.GetString()!)]);
            }

            i++;
        }

        if (!shapeOk)
        {
            return null;
        }

        try
        {
            return BusinessHours.Parse(pairs, path);
        }
        catch (FormatException ex)
        {
            // BusinessHours names each bad value with its path, joined by "; ".
            foreach (string problem in ex.Message.Split("; "))
            {
                Problem(problem);
            }

            return null;
        }
    }

    private ClockRule? ReadClock(JsonElement element, string path, bool isSign)
    {
        var fields = ReadObject(element, path);
        if (fields is null)
        {
            return null;
        }

        var limit = RequiredDuration(fields, "limit", path);
        var urgent = Get(fields, "urgent") is { } u ? ReadDuration(u, path + ".urgent") : null;
        var from = ReadFrom(fields, path, out bool fromOk);
        if (isSign && from == ClockStart.Sign)
        {
            // Spec §2.2: the sign clock runs from dispatch and is stopped by signing.
            Problem($"{path}.from: 'sign' is not allowed (sign counts from dispatch)");
            fromOk = false;
        }

        return limit is { } l && fromOk ? new ClockRule(l, from, urgent) : null;
    }

    private HandleClockRule? ReadHandle(JsonElement element, string path)
    {
        var fields = ReadObject(element, path);
        if (fields is null)
        {
            return null;
        }

        var from = ReadFrom(fields, path, out bool fromOk);
        KindLimits? limit = null;
        if (Get(fields, "limit") is { } l)
        {
            limit = ReadKindLimits(l, path + ".limit");
            if (limit is not null && !limit.CoversEveryKind)
            {
                var missing = Enum.GetValues<TicketKind>().Where(k => limit.For(k) is null).Select(ProfileWire.Name);
                Problem($"{path}.limit: needs a '{ProfileWire.DefaultKey}' or an entry for every kind (missing: {string.Join(", ", missing)})");
                limit = null;
            }
        }
        else
        {
            Problem($"{path}.limit: required (a duration, or a map by kind with \"{ProfileWire.DefaultKey}\")");
        }

        var complex = Get(fields, "complex") is { } c ? ReadKindLimits(c, path + ".complex") : null;
        var urgent = Get(fields, "urgent") is { } u ? ReadKindLimits(u, path + ".urgent") : null;
        return limit is not null && fromOk ? new HandleClockRule(from, limit, complex, urgent) : null;
    }

    private KindLimits? ReadKindLimits(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return ReadDuration(element, path) is { } all ? KindLimits.All(all) : null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            Problem($"{path}: expected a duration or a map by kind, got {Describe(element)}");
            return null;
        }

        var fields = ReadObject(element, path)!;
        var byKind = new List<KeyValuePair<TicketKind, WorkingDuration>>();
        WorkingDuration? @default = null;
        bool ok = true;
        foreach (var (key, value) in fields)
        {
            string entryPath = $"{path}.{key}";
            bool isDefault = string.Equals(key, ProfileWire.DefaultKey, StringComparison.Ordinal);
            TicketKind kind = default;
            if (!isDefault && !ProfileWire.TryKind(key, out kind))
            {
                Problem($"{entryPath}: '{key}' is not a ticket kind ({ProfileWire.KindList}, or {ProfileWire.DefaultKey})");
                ok = false;
                continue;
            }

            if (value.ValueKind == JsonValueKind.Null)
            {
                continue; // null = not given, as everywhere in a profile
            }

            if (ReadDuration(value, entryPath) is not { } limit)
            {
                ok = false;
            }
            else if (isDefault)
            {
                @default = limit;
            }
            else
            {
                byKind.Add(new(kind, limit));
            }
        }

        return ok ? new KindLimits(byKind, @default) : null;
    }

    private CallbackAutoRule? ReadCallbackAuto(JsonElement element, string path)
    {
        var fields = ReadObject(element, path);
        if (fields is null)
        {
            return null;
        }

        var limit = RequiredDuration(fields, "limit", path);
        var urgent = Get(fields, "urgent") is { } u ? ReadDuration(u, path + ".urgent") : null;
        var rating = CallbackRating.Basic;
        bool ratingOk = true;
        if (Get(fields, "default") is { } d)
        {
            string? text = ReadString(d, path + ".default");
            if (text is not null && ProfileWire.ParseRating(text) is { } r)
            {
                rating = r;
            }
            else
            {
                if (text is not null)
                {
                    Problem($"{path}.default: '{text}' is not a rating (satisfied, basic, unsatisfied)");
                }

                ratingOk = false;
            }
        }

        return limit is { } l && ratingOk ? new CallbackAutoRule(l, rating, urgent) : null;
    }

    private LimitRule? ReadLimit(JsonElement element, string path)
    {
        var fields = ReadObject(element, path);
        if (fields is null)
        {
            return null;
        }

        var limit = RequiredDuration(fields, "limit", path);
        var urgent = Get(fields, "urgent") is { } u ? ReadDuration(u, path + ".urgent") : null;
        return limit is { } l ? new LimitRule(l, urgent) : null;
    }

    private ExtensionRule? ReadExtension(JsonElement element, string path)
    {
        var fields = ReadObject(element, path);
        if (fields is null)
        {
            return null;
        }

        bool ok = true;
        int? maxCount = null, maxTotalDays = null;
        WorkingDuration? applyBefore = null;
        if (Get(fields, "maxCount") is { } c)
        {
            maxCount = ReadInt(c, path + ".maxCount", min: 0);
            ok &= maxCount is not null;
        }

        if (Get(fields, "maxTotalDays") is { } t)
        {
            maxTotalDays = ReadInt(t, path + ".maxTotalDays", min: 0);
            ok &= maxTotalDays is not null;
        }

        if (Get(fields, "applyBefore") is { } a)
        {
            applyBefore = ReadDuration(a, path + ".applyBefore");
            ok &= applyBefore is not null;
        }

        return ok ? new ExtensionRule(maxCount, maxTotalDays, applyBefore) : null;
    }

    private WarningRule? ReadWarning(JsonElement element, string path)
    {
        var fields = ReadObject(element, path);
        if (fields is null || RequiredDuration(fields, "before", path) is not { } before)
        {
            return null;
        }

        if (before.Amount == 0)
        {
            Problem($"{path}.before: '{before}' must be more than zero (omit warning for no warnings)");
            return null;
        }

        return new WarningRule(before);
    }

    private List<SupervisionStep>? ReadSupervision(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            Problem($"{path}: expected an array of {{\"level\": 1, \"after\": \"0h\"}} steps, got {Describe(element)}");
            return null;
        }

        var steps = new List<SupervisionStep>();
        var seen = new HashSet<int>();
        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            string itemPath = $"{path}[{i++}]";
            var fields = ReadObject(item, itemPath);
            if (fields is null)
            {
                continue;
            }

            int? level = null;
            if (Get(fields, "level") is { } l)
            {
                level = ReadInt(l, itemPath + ".level", min: null);
                if (level is < SupervisionStep.MinLevel or > SupervisionStep.MaxLevel)
                {
                    Problem($"{itemPath}.level: {level} is outside {SupervisionStep.MinLevel}–{SupervisionStep.MaxLevel}");
                    level = null;
                }
                else if (level is { } lv && !seen.Add(lv))
                {
                    Problem($"{itemPath}.level: level {lv} is given more than once");
                    level = null;
                }
            }
            else
            {
                Problem($"{itemPath}.level: required (1, 2 or 3)");
            }

            var after = RequiredDuration(fields, "after", itemPath);
            if (level is { } lvl && after is { } a)
            {
                steps.Add(new SupervisionStep(lvl, a));
            }
        }

        return steps;
    }

    private HotspotRule? ReadHotspot(JsonElement element, string path)
    {
        var fields = ReadObject(element, path);
        if (fields is null)
        {
            return null;
        }

        WorkingDuration? window = null;
        if (Get(fields, "window") is { } w)
        {
            window = ReadElapsed(w, path + ".window", allowZero: false);
        }
        else
        {
            Problem($"{path}.window: required (elapsed time, e.g. \"7d\")");
        }

        int? min = null;
        if (Get(fields, "min") is { } m)
        {
            min = ReadInt(m, path + ".min", min: 1);
        }
        else
        {
            Problem($"{path}.min: required (a whole number ≥ 1)");
        }

        double? factor = null;
        if (Get(fields, "factor") is { } f)
        {
            if (f.ValueKind != JsonValueKind.Number || !f.TryGetDouble(out double value) || !double.IsFinite(value))
            {
                Problem($"{path}.factor: expected a number, got {Describe(f)}");
            }
            else if (value <= 0)
            {
                Problem($"{path}.factor: {value.ToString(CultureInfo.InvariantCulture)} must be > 0");
            }
            else
            {
                factor = value;
            }
        }
        else
        {
            Problem($"{path}.factor: required (a number > 0)");
        }

        return window is { } win && min is { } mn && factor is { } fc ? new HotspotRule(win, mn, fc) : null;
    }

    private List<string>? ReadStrings(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            Problem($"{path}: expected an array of strings, got {Describe(element)}");
            return null;
        }

        var result = new List<string>();
        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (ReadString(item, $"{path}[{i++}]") is { } text)
            {
                result.Add(text);
            }
        }

        return result;
    }

    private List<KeyValuePair<string, string>>? ReadSources(JsonElement element, string path)
    {
        var fields = ReadObject(element, path);
        if (fields is null)
        {
            return null;
        }

        var result = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in fields)
        {
            if (ReadString(value, $"{path}.{key}") is { } text)
            {
                result.Add(new(key, text));
            }
        }

        return result;
    }

    // --- primitives -------------------------------------------------------------------------

    /// <summary>The object's fields in document order; a repeated name is a problem. Null (and a problem) for a non-object.</summary>
    private OrderedDictionary<string, JsonElement>? ReadObject(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Problem($"{path}: expected an object, got {Describe(element)}");
            return null;
        }

        var fields = new OrderedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!fields.TryAdd(property.Name, property.Value))
            {
                string at = path == "(document)" ? property.Name : $"{path}.{property.Name}";
                Problem($"{at}: given more than once");
            }
        }

        return fields;
    }

    /// <summary>The field's value, or null when it is absent or JSON <c>null</c> (the same in a profile).</summary>
    private static JsonElement? Get(OrderedDictionary<string, JsonElement> fields, string name) =>
        fields.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private string? ReadString(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return element.GetString();
        }

        Problem($"{path}: expected a string, got {Describe(element)}");
        return null;
    }

    private WorkingDuration? ReadDuration(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            Problem($"{path}: expected a duration string such as \"3wd\", got {Describe(element)}");
            return null;
        }

        string text = element.GetString()!;
        if (WorkingDuration.TryParse(text, out var duration))
        {
            return duration;
        }

        Problem($"{path}: '{text}' is not a duration (a whole number ≥ 0 then wd, wh, h or d, e.g. 3wd, 4wh, 72h, 30d)");
        return null;
    }

    private WorkingDuration? RequiredDuration(OrderedDictionary<string, JsonElement> fields, string name, string path)
    {
        if (Get(fields, name) is { } element)
        {
            return ReadDuration(element, $"{path}.{name}");
        }

        Problem($"{path}.{name}: required (a duration, e.g. \"3wd\")");
        return null;
    }

    /// <summary>A duration in elapsed time (h or d): windows that look back from an instant (spec §3 "Hours and days").</summary>
    private WorkingDuration? ReadElapsed(JsonElement element, string path, bool allowZero)
    {
        if (ReadDuration(element, path) is not { } duration)
        {
            return null;
        }

        if (duration.IsWorkingTime)
        {
            Problem($"{path}: '{duration}' must be elapsed time (h or d), not working time");
            return null;
        }

        if (!allowZero && duration.Amount == 0)
        {
            Problem($"{path}: '{duration}' must be more than zero");
            return null;
        }

        return duration;
    }

    private ClockStart ReadFrom(OrderedDictionary<string, JsonElement> fields, string path, out bool ok)
    {
        ok = true;
        if (Get(fields, "from") is not { } element)
        {
            return ClockStart.Dispatch;
        }

        string? text = ReadString(element, path + ".from");
        if (text is not null && ProfileWire.ParseClockStart(text) is { } start)
        {
            return start;
        }

        if (text is not null)
        {
            Problem($"{path}.from: '{text}' is not dispatch or sign");
        }

        ok = false;
        return ClockStart.Dispatch;
    }

    private int? ReadInt(JsonElement element, string path, int? min)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out int value))
        {
            Problem($"{path}: expected a whole number, got {Describe(element)}");
            return null;
        }

        if (min is { } least && value < least)
        {
            Problem($"{path}: {value.ToString(CultureInfo.InvariantCulture)} must be ≥ {least.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return value;
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{element.GetString()}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };

    private void Problem(string problem) => _problems.Add(problem);
}
