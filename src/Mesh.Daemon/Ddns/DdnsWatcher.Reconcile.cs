using System.Net;
using WireGuard.Device;

namespace Mesh.Daemon.Ddns;

/// <summary>The dataplane half of <see cref="DdnsWatcher"/>: read the peer, decide, set the endpoint.</summary>
public sealed partial class DdnsWatcher
{
    /// <summary>The peer as the dataplane reports it; Ok is false when the dataplane could not be read.</summary>
    private async Task<(bool Ok, PeerEndpointState? Peer)> ReadPeerAsync(CancellationToken cancellationToken)
    {
        try
        {
            var peers = await _control.GetPeersAsync(cancellationToken);
            return (true, peers.FirstOrDefault(p => p.PublicKey == Endpoint.Peer));
        }
        catch (Exception e) when (e is IOException or WireGuardConfigException)
        {
            ControlFailed(e);
            return (false, null);
        }
    }

    /// <summary>Applies the policy; false when the dataplane refused (retry soon).</summary>
    private async Task<bool> ReconcileAsync(PeerEndpointState peer, IPEndPoint resolved, CancellationToken cancellationToken)
    {
        var decision = EndpointPolicy.Decide(new EndpointPolicyInput(
            resolved, _baseline, peer.Endpoint, peer.LastHandshake, _time.GetUtcNow(), _options.HandshakeStaleAfter));
        var previousDecision = _decision;
        lock (_gate)
        {
            _decision = decision;
        }

        switch (decision.Action)
        {
            case EndpointAction.Apply:
                try
                {
                    await _control.SetEndpointAsync(Endpoint.Peer, resolved, cancellationToken);
                }
                catch (Exception e) when (e is IOException or WireGuardConfigException)
                {
                    ControlFailed(e);
                    return false; // _baseline stays: the next answer still sees the peer on the old DNS address
                }

                _metrics.EndpointUpdate(decision.Reason);
                DdnsLog.EndpointApplied(_logger, Endpoint.Label, peer.Endpoint?.ToString() ?? "(none)", resolved, decision.Reason);
                break;
            case EndpointAction.KeepRoamed:
                _metrics.RoamingKept();
                if (previousDecision?.Action != EndpointAction.KeepRoamed || !resolved.Equals(_baseline))
                {
                    DdnsLog.RoamingKept(_logger, Endpoint.Label, peer.Endpoint!, resolved);
                }

                break;
            default:
                break;
        }

        _baseline = resolved;
        return true;
    }

    private void ControlFailed(Exception e)
    {
        if (!_controlFailing)
        {
            DdnsLog.ControlFailing(_logger, Endpoint.Label, e.Message);
        }

        _controlFailing = true;
        lock (_gate)
        {
            _lastError = e.Message;
        }
    }

    private void ControlOk()
    {
        if (_controlFailing)
        {
            DdnsLog.ControlRecovered(_logger, Endpoint.Label);
        }

        _controlFailing = false;
    }
}
