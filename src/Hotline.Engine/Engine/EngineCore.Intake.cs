using Hotline.Engine.Catalog;
using Hotline.Engine.Intake;
using Hotline.Engine.Protocol;
using Hotline.Engine.Routing;
using Hotline.Engine.Sla;
using Hotline.Engine.Statistics;
using Hotline.Engine.Tickets;

namespace Hotline.Engine.Engine;

/// <summary>Intake: refusal, redirection, forwarding, duplicates, then dispatch by the catalog (spec §2.1).</summary>
internal sealed partial class EngineCore
{
    private bool Receive(EngineCommand c)
    {
        string id = c.Ticket!;
        if (_usedTicketIds.Contains(id))
        {
            return Reject(c, "duplicate-id", $"ticket id '{id}' was already used by an earlier receive");
        }

        // Checks in the order of spec §2.1: emergency, exclusion, jurisdiction, duplicate.
        if (c.Emergency is { } emergency)
        {
            _usedTicketIds.Add(id);
            Emit(new EngineEvent
            {
                Name = "refused", At = _clock, Ticket = id, Reason = "emergency",
                Guidance = Refusals.EmergencyGuidance(emergency), Redirect = Refusals.Redirect(emergency),
            });
            return true;
        }

        if (c.Exclusion is { } exclusion)
        {
            _usedTicketIds.Add(id);
            Emit(new EngineEvent { Name = "refused", At = _clock, Ticket = id, Reason = exclusion, Guidance = Refusals.Guidance(exclusion) });
            return true;
        }

        var catalog = _catalogs.Current;
        var route = catalog.Route(c.Category.AsSpan(), c.Region.AsSpan());
        if (route.OutOfJurisdiction)
        {
            // Linyi 2016 art. 6(4); Zhongshan 2024 art. 24; Changsha 2020 art. 13(1): 异地转办 via the province platform.
            _usedTicketIds.Add(id);
            Emit(new EngineEvent { Name = "forwarded", At = _clock, Ticket = id, To = "province" });
            return true;
        }

        if (c.CallerPhone is { } phone && !c.NewInformation)
        {
            var window = _profile.DuplicateWindow is { } w ? SlaPolicy.Elapsed(w) : (NodaTime.Duration?)null;
            if (_duplicates.FindOriginal(phone, c.Category!, c.Region!, Now, window) is { } original)
            {
                _usedTicketIds.Add(id);
                Emit(new EngineEvent { Name = "duplicate", At = _clock, Ticket = id, Of = original.Id, State = StateName(original.State) });
                return true;
            }
        }

        _usedTicketIds.Add(id);
        var t = new Ticket(id, _byNumber.Count)
        {
            Kind = c.Kind,
            // One shared string per category and region, not one per command that named it.
            CategoryKey = _categoryKeys.Intern(c.Category!),
            RegionKey = _regionKeys.Intern(c.Region!),
            CallerPhone = c.CallerPhone,
            Complex = c.Complex,
            Urgent = c.Urgent,
            Statutory = c.Limit,
            ReceivedAt = Now,
            CatalogVersion = catalog.Version,
        };
        t.Category = _categoryKeys.Name(t.CategoryKey);
        t.Region = _regionKeys.Name(t.RegionKey);
        _tickets.Add(id, t);
        _byNumber.Add(t);
        _duplicates.Add(t);
        EmitTicket(t, new EngineEvent { Name = "accepted" });
        _live.Received(Today, t, c.Answer is null ? _unitKeys.Intern(route.LeadUnitId!) : -1);

        if (c.Answer is not null)
        {
            // 直办: answered at once from the knowledge base, closed with no clocks (Linyi 2016 art. 14(2); Changsha 2020 art. 16(1)).
            t.State = TicketState.Answered;
            t.Unit = null;
            EmitTicket(t, new EngineEvent { Name = "answered" });
        }
        else
        {
            t.EntryLimit = route.Limit;
            var co = new string[route.CoHandlers.Length];
            for (int i = 0; i < co.Length; i++)
            {
                co[i] = catalog.UnitId(route.CoHandlers[i]);
            }

            DispatchTo(t, route.LeadUnitId!, co, route.SubOffice, route.ByDefault);
        }

        RecordHotspot(c, t);
        return true;
    }

    private void RecordHotspot(EngineCommand c, Ticket t)
    {
        if (_hotspots?.Record(t.CategoryKey, t.RegionKey, Now) is { } hot)
        {
            var e = new EngineEvent
            {
                Name = "hotspot", At = _clock, Category = c.Category, Region = c.Region, Count = hot.Count, Baseline = hot.Baseline,
            };
            Emit(e);
            _hotspotEvents.Add(e);
        }
    }

    private bool LoadCatalog(EngineCommand c)
    {
        if (c.PreloadError is { } error)
        {
            return Reject(c, "invalid-catalog", error);
        }

        CompiledCatalog compiled;
        try
        {
            compiled = CompiledCatalog.Compile(c.PreloadedCatalog ?? DispatchCatalog.Load(c.File!));
        }
        catch (CatalogException e)
        {
            return Reject(c, "invalid-catalog", e.Message);
        }

        // Changsha 2020 art. 23: a coordination decision applies to every later ticket of that kind;
        // open tickets keep the version they were routed by.
        _catalogs.Publish(compiled);
        Emit(new EngineEvent { Name = "catalog-loaded", At = _clock, Version = compiled.Version });
        return true;
    }

    /// <summary>Publishes a new catalog version from the host (e.g. a resumed run's --catalog).</summary>
    public void PublishCatalog(CompiledCatalog catalog) => _catalogs.Publish(catalog);

    private bool MakeReport(EngineCommand c)
    {
        var report = Report(c.From!.Value, c.To!.Value, c.Unit);
        Emit(new EngineEvent { Name = "report", At = _clock, Report = report });
        return true;
    }

    internal static string StateName(TicketState state) => state switch
    {
        TicketState.Dispatched => "dispatched",
        TicketState.Signed => "signed",
        TicketState.ReturnRequested => "return-requested",
        TicketState.CloseRequested => "close-requested",
        TicketState.Closed => "closed",
        _ => "answered",
    };
}
