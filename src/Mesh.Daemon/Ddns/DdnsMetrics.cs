using System.Diagnostics.Metrics;

namespace Mesh.Daemon.Ddns;

/// <summary>DDNS counters on the Meter <c>meshd.ddns</c>.</summary>
public sealed class DdnsMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "meshd.ddns";

    private readonly Meter _meter;
    private readonly Counter<long> _resolutions;
    private readonly Counter<long> _changes;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _endpointUpdates;
    private readonly Counter<long> _roamingKept;

    /// <summary>Creates the instruments (through <paramref name="factory"/> when given, as the host does).</summary>
    public DdnsMetrics(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _resolutions = _meter.CreateCounter<long>("meshd.ddns.resolutions", "{lookup}", "DNS lookups by outcome");
        _changes = _meter.CreateCounter<long>("meshd.ddns.changes", "{change}", "Resolved address changed");
        _failures = _meter.CreateCounter<long>("meshd.ddns.failures", "{lookup}", "Failed or negative lookups by outcome");
        _endpointUpdates = _meter.CreateCounter<long>("meshd.ddns.endpoint_updates", "{update}", "Peer endpoints set from DNS, by reason");
        _roamingKept = _meter.CreateCounter<long>("meshd.ddns.roaming_kept", "{decision}", "DNS answers not applied because the peer roamed");
    }

    /// <summary>The meter (for listeners in tests).</summary>
    public Meter Meter => _meter;

    internal void Resolution(DnsOutcome outcome) => _resolutions.Add(1, new KeyValuePair<string, object?>("outcome", Tag(outcome)));

    internal void Change() => _changes.Add(1);

    internal void Failure(DnsOutcome outcome) => _failures.Add(1, new KeyValuePair<string, object?>("outcome", Tag(outcome)));

    internal void EndpointUpdate(EndpointReason reason) =>
        _endpointUpdates.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()));

    internal void RoamingKept() => _roamingKept.Add(1);

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();

    private static string Tag(DnsOutcome outcome) => outcome switch
    {
        DnsOutcome.Resolved => "resolved",
        DnsOutcome.NxDomain => "nxdomain",
        DnsOutcome.NoData => "nodata",
        _ => "failed",
    };
}
