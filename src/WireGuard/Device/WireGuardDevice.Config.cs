using System.Net;
using System.Net.Sockets;
using WireGuard.Noise;

namespace WireGuard.Device;

/// <summary>Configuration (UAPI set/get semantics).</summary>
public sealed partial class WireGuardDevice
{
    /// <inheritdoc/>
    public void Apply(DeviceConfigChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_configLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Validate(change);

            // The only step that can fail after validation: do it first so a refused port changes nothing.
            if (change.ListenPort is { } port && port != _configuredPort)
            {
                if (_started)
                {
                    ReopenBind(port);
                }

                _configuredPort = port;
            }

            if (change.Fwmark is { } mark && mark != _fwmark)
            {
                _fwmark = mark;
                if (_started)
                {
                    _bind.SetMark(mark);
                }
            }

            if (change.PrivateKey is { } pk)
            {
                SetPrivateKey(pk);
            }

            if (change.ReplacePeers)
            {
                var keep = change.Peers.Where(p => !p.Remove).Select(p => p.PublicKey).ToHashSet();
                foreach (var peer in _peers.Values.Where(p => !keep.Contains(p.PublicKey)).ToList())
                {
                    RemovePeer(peer);
                }
            }

            foreach (var pc in change.Peers)
            {
                ApplyPeer(pc);
            }
        }
    }

    /// <inheritdoc/>
    public DeviceStatus GetStatus()
    {
        lock (_configLock)
        {
            var id = _identity;
            var peers = _peers.Values
                .OrderBy(p => p.PublicKey.ToBase64(), StringComparer.Ordinal)
                .Select(p => new PeerStatus(
                    p.PublicKey,
                    p.PresharedKey,
                    p.Endpoint,
                    (ushort)p.Timers.PersistentKeepaliveSeconds,
                    p.AllowedIps.ToList(),
                    p.LastHandshake,
                    p.RxBytes,
                    p.TxBytes))
                .ToList();
            var port = _started ? ListenPort : _configuredPort;
            return new DeviceStatus(id is null ? null : new Key(id.PrivateKey), id?.PublicKeyValue, port, _fwmark, peers);
        }
    }

    private static void Validate(DeviceConfigChange change)
    {
        foreach (var pc in change.Peers)
        {
            if (pc.PublicKey.IsZero)
            {
                throw new WireGuardConfigException(22, "a peer's public_key is all zero; give the peer's real public key");
            }

            foreach (var net in pc.AllowedIps)
            {
                var fam = net.BaseAddress?.AddressFamily;
                if (fam is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
                {
                    throw new WireGuardConfigException(22, $"allowed_ip {net} of peer {pc.PublicKey.ToBase64()} is not an IPv4 or IPv6 prefix");
                }
            }
        }
    }

    private void ReopenBind(ushort port)
    {
        var old = ListenPort;
        _bindOpen.Reset();
        _bind.Close();
        try
        {
            OpenBind(port);
            Log.PortChanged(_log, _tun.Name, ListenPort);
        }
        catch (Exception)
        {
            try
            {
                OpenBind(old);
            }
#pragma warning disable CA1031 // report the original failure; the old port being gone too leaves the device without a socket
            catch (Exception)
            {
            }
#pragma warning restore CA1031

            throw;
        }
    }

    private void SetPrivateKey(Key key)
    {
        var old = _identity;
        if (key.IsZero)
        {
            if (old is null)
            {
                return;
            }

            _identity = null;
        }
        else
        {
            var id = new StaticIdentity(key);
            if (old is not null && id.PublicKeyValue == old.PublicKeyValue)
            {
                return;
            }

            if (_peers.TryGetValue(id.PublicKeyValue, out var self))
            {
                RemovePeer(self);
            }

            _identity = id;
        }

        _cookieChecker.SetIdentity(_identity);
        foreach (var peer in _peers.Values)
        {
            lock (peer.Handshake)
            {
                peer.Handshake.Precompute(_identity);
                _index.Remove(peer.Handshake.LocalIndex);
                peer.Handshake.Clear();
                peer.Handshake.LastSentInitiationMs = long.MinValue / 2; // the next packet may start a handshake at once
            }

            peer.Keypairs.ExpireCurrent();
        }

        old?.Wipe();
    }

    private void ApplyPeer(PeerConfigChange pc)
    {
        _peers.TryGetValue(pc.PublicKey, out var peer);
        if (pc.Remove)
        {
            if (peer is not null)
            {
                RemovePeer(peer);
            }

            return;
        }

        if (peer is null)
        {
            if (pc.UpdateOnly)
            {
                return;
            }

            if (_identity is { } id && id.PublicKeyValue == pc.PublicKey)
            {
                Log.OwnKeyPeer(_log, pc.PublicKey.ToBase64());
                return;
            }

            peer = new Peer(pc.PublicKey);
            lock (peer.Handshake)
            {
                peer.Handshake.Precompute(_identity);
            }

            _peers[pc.PublicKey] = peer;
            Log.PeerAdded(_log, pc.PublicKey.ToBase64());
        }

        if (pc.PresharedKey is { } psk)
        {
            lock (peer.Handshake)
            {
                psk.Bytes.CopyTo(peer.Handshake.PresharedKey);
            }

            peer.PresharedKey = psk.IsZero ? null : psk;
        }

        if (pc.Endpoint is { } ep)
        {
            peer.SetEndpoint(ep);
        }

        if (pc.ReplaceAllowedIps)
        {
            foreach (var net in peer.AllowedIps)
            {
                _routes.Remove(net, peer);
            }

            peer.AllowedIps.Clear();
        }

        foreach (var net in pc.AllowedIps)
        {
            AddAllowedIp(peer, net);
        }

        if (pc.PersistentKeepalive is { } ka)
        {
            bool kick;
            lock (peer.TimerLock)
            {
                kick = ka > 0 && peer.Timers.PersistentKeepaliveSeconds != ka;
                peer.Timers.PersistentKeepaliveSeconds = ka;
            }

            if (kick && _started)
            {
                SendKeepalive(peer);
            }
        }
    }

    private void AddAllowedIp(Peer peer, IPNetwork net)
    {
        var owner = _routes.GetExact(net);
        if (ReferenceEquals(owner, peer))
        {
            return;
        }

        if (owner is not null)
        {
            owner.AllowedIps.Remove(net);
        }

        peer.AllowedIps.Add(net);
        _routes.Insert(net, peer);
    }

    private void RemovePeer(Peer peer)
    {
        _peers.TryRemove(peer.PublicKey, out _);
        foreach (var net in peer.AllowedIps)
        {
            _routes.Remove(net, peer);
        }

        RemovePeerState(peer);
        Log.PeerRemoved(_log, peer.PublicKey.ToBase64());
    }

    private void RemovePeerState(Peer peer)
    {
        peer.Removed = true;
        lock (peer.TimerLock)
        {
            peer.Timers.Stop();
        }

        ZeroPeerKeys(peer);
        DropStaged(peer);
    }
}
