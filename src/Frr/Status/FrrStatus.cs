namespace Frr;

/// <summary>Reads EVPN status from a running FRR instance through vtysh.</summary>
public sealed class FrrStatus
{
    private readonly VtyshClient _vtysh;

    /// <summary>Creates a reader for the instance.</summary>
    public FrrStatus(FrrInstance instance) => _vtysh = new VtyshClient(instance);

    /// <summary>`show bgp l2vpn evpn summary json`.</summary>
    public async Task<EvpnSummary> GetSummaryAsync(CancellationToken cancellationToken = default) =>
        StatusParsers.ParseSummary(await _vtysh.ShowAsync("show bgp l2vpn evpn summary json", cancellationToken));

    /// <summary>`show evpn vni json`.</summary>
    public async Task<ValueList<EvpnVniStatus>> GetVnisAsync(CancellationToken cancellationToken = default) =>
        StatusParsers.ParseVnis(await _vtysh.ShowAsync("show evpn vni json", cancellationToken));

    /// <summary>`show bgp l2vpn evpn route json`, counted per RD and route type.</summary>
    public async Task<ValueList<EvpnRouteCounts>> GetRoutesAsync(CancellationToken cancellationToken = default) =>
        StatusParsers.ParseRoutes(await _vtysh.ShowAsync("show bgp l2vpn evpn route json", cancellationToken));

    /// <summary>All three in sequence.</summary>
    public async Task<EvpnStatus> GetAsync(CancellationToken cancellationToken = default) => new(
        await GetSummaryAsync(cancellationToken),
        await GetVnisAsync(cancellationToken),
        await GetRoutesAsync(cancellationToken));
}
